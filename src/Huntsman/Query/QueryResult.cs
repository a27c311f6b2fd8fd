namespace Huntsman.Query;

/// <summary>The rows a query returned, in order, with the SQL that produced them.</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows, string Sql)
{
    public int ColumnIndex(string name)
    {
        for (int i = 0; i < Columns.Count; i++)
            if (Columns[i] == name) return i;
        throw new KeyNotFoundException($"no column {name}; columns: {string.Join(", ", Columns)}");
    }
}
