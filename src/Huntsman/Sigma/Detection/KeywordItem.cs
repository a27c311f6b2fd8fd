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

    private static bool AnyFieldMatches(ReadOnlySpan<EventField> fields, ValueMatcher[] group, EventScope scope)
    {
        foreach (var f in fields)
            foreach (var m in group)
                if (m.Matches(f.Value, scope)) return true;
        return false;
    }
}
