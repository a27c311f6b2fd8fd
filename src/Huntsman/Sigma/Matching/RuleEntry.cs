using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>A rule as indexed for one of its logsource targets: its condition with filters ANDed on.</summary>
internal sealed class RuleEntry(SigmaRule rule, ConditionNode condition, string[]? eventTypes, FieldRef eventTypeField)
{
    public SigmaRule Rule { get; } = rule;
    public ConditionNode Condition => condition;

    public bool Evaluate(EventScope scope)
    {
        if (eventTypes is not null)
        {
            if (!scope.TryGetChars(eventTypeField, out var type) || !IsOneOf(type, eventTypes)) return false;
        }
        return condition.Evaluate(scope);
    }

    private static bool IsOneOf(ReadOnlySpan<char> value, string[] candidates)
    {
        foreach (var c in candidates)
            if (value.Equals(c, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
