using Huntsman.Events;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// A field-less (keyword) search: true when some payload field value matches. Plain keywords are
/// substrings (the matcher was wrapped in <c>*…*</c>); groups are OR-linked, AND-linked with <c>all</c>.
/// </summary>
internal sealed class KeywordItem(ValueMatcher[][] groups, bool linkAll, bool negate) : ConditionNode
{
    public override bool Evaluate(EventScope scope)
    {
        var fields = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scope.Event.Fields);
        bool result = linkAll;
        foreach (var group in groups)
        {
            bool any = AnyFieldMatches(fields, group, scope);
            if (linkAll ? !any : any) { result = !linkAll; break; }
        }
        return result != negate;
    }

    public override List<RequiredLiteral>? RequiredLiterals(IReadOnlySet<int>? eventIds = null)
    {
        if (negate || groups.Length == 0) return null;
        List<RequiredLiteral>? result = linkAll ? null : new();
        foreach (var g in groups)
        {
            var lits = new List<RequiredLiteral>(g.Length);
            foreach (var m in g)
            {
                if (m.RequiredLiteral is not { Length: > 0 } text) { lits = null; break; }
                lits.Add(new RequiredLiteral(null, text));
            }
            if (linkAll) { if (lits is not null && Strength(lits) > Strength(result)) result = lits; }
            else if (lits is null) return null;
            else result!.AddRange(lits);
        }
        return result;
    }

    private static bool AnyFieldMatches(ReadOnlySpan<EventField> fields, ValueMatcher[] group, EventScope scope)
    {
        foreach (var f in fields)
        {
            var chars = f.Chars;
            foreach (var m in group)
                if (m.Matches(chars, true, scope)) return true;
        }
        return false;
    }
}
