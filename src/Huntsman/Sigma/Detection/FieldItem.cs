namespace Huntsman.Sigma.Detection;

/// <summary>
/// <c>field|modifiers: values</c>. Each group is an OR of alternatives (expansions); groups are
/// OR-linked, or AND-linked with <c>all</c>; <c>neq</c> negates the whole item (pySigma).
/// A logsource field mapping may name a fallback field read when the first is absent.
/// </summary>
internal sealed class FieldItem(FieldAccessor accessor, ValueMatcher[][] groups, bool linkAll, bool negate)
    : ConditionNode
{
    public FieldRef Field => accessor.Field;
    public ValueMatcher[][] Groups { get; } = groups;

    // OR-linked items evaluate as one flat list of alternatives, with their contains literals merged.
    private readonly ValueMatcher[]? _alternatives = linkAll ? null : Merge(groups.SelectMany(g => g).ToList());

    private const int MinMerged = 3;

    /// <summary>The alternatives in order, ignore-case contains ones replaced (at the first one's place) by one multi-literal matcher.</summary>
    private static ValueMatcher[] Merge(List<ValueMatcher> all)
    {
        var contains = all.Where(ContainsAnyMatcher.CanMerge).Cast<ContainsMatcher>().ToList();
        if (contains.Count < MinMerged) return all.ToArray();
        var merged = new ContainsAnyMatcher(contains);
        int first = all.FindIndex(ContainsAnyMatcher.CanMerge);
        var result = all.Where(m => !ContainsAnyMatcher.CanMerge(m)).ToList();
        result.Insert(all.Take(first).Count(m => !ContainsAnyMatcher.CanMerge(m)), merged);
        return result.ToArray();
    }

    public override bool Evaluate(EventScope scope)
    {
        bool present = accessor.TryChars(scope, out var value);
        if (_alternatives is not null)
        {
            foreach (var m in _alternatives)
                if (m.Matches(value, present, scope)) return !negate;
            return negate;
        }
        bool result = linkAll;
        foreach (var group in Groups)
        {
            bool any = false;
            foreach (var m in group)
                if (m.Matches(value, present, scope)) { any = true; break; }
            if (linkAll ? !any : any) { result = !linkAll; break; }
        }
        return result != negate;
    }

    public override void CollectFields(List<FieldRef> into)
    {
        if (!into.Contains(Field)) into.Add(Field);
        foreach (var g in Groups)
            foreach (var m in g)
                if (m is FieldRefMatcher r && !into.Contains(r.Other)) into.Add(r.Other);
    }

    public override List<RequiredLiteral>? RequiredLiterals(IReadOnlySet<int>? eventIds = null)
    {
        if (negate || Groups.Length == 0) return null;
        if (linkAll)
        {
            List<RequiredLiteral>? best = null;
            foreach (var g in Groups)
                if (GroupLiterals(g) is { } lits && Strength(lits) > Strength(best)) best = lits;
            return best;
        }
        var all = new List<RequiredLiteral>();
        foreach (var g in Groups)
        {
            if (GroupLiterals(g) is not { } lits) return null;
            all.AddRange(lits);
        }
        return all;
    }

    private List<RequiredLiteral>? GroupLiterals(ValueMatcher[] group)
    {
        var list = new List<RequiredLiteral>(group.Length);
        foreach (var m in group)
        {
            if (m.RequiredLiteral is not { Length: > 0 } text) return null;
            list.Add(new RequiredLiteral(accessor, text, m.RequiredPosition));
        }
        return list;
    }

    public override HashSet<int>? RequiredEventIds()
    {
        if (negate || !Field.Name.Equals("EventID", StringComparison.OrdinalIgnoreCase)) return null;
        if (linkAll && Groups.Length > 1) return null;
        var ids = new HashSet<int>();
        foreach (var g in Groups)
            foreach (var m in g)
            {
                if (m.ExactInteger is not { } n || n < int.MinValue || n > int.MaxValue) return null;
                ids.Add((int)n);
            }
        return ids.Count == 0 ? null : ids;
    }
}
