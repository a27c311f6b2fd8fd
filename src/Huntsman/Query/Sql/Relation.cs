namespace Huntsman.Query.Sql;

/// <summary>
/// One stage of a translated pipeline: a SELECT statement and the columns it yields.
/// <see cref="Sorted"/> is set once the user ordered rows (sort/top), so no default order is added.
/// </summary>
internal sealed record Relation(string Sql, IReadOnlyList<RelationColumn> Columns, bool Sorted)
{
    public RelationColumn? Find(string name)
    {
        foreach (var c in Columns)
            if (c.Name == name) return c;
        return null;
    }

    /// <summary>Nearest column name ignoring case, for "did you mean" hints.</summary>
    public string? Suggest(string name)
    {
        foreach (var c in Columns)
            if (c.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return c.Name;
        return null;
    }
}
