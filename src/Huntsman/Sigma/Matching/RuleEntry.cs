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
            var type = scope.Get(eventTypeField);
            if (type is null || Array.FindIndex(eventTypes, t => t.Equals(type, StringComparison.OrdinalIgnoreCase)) < 0) return false;
        }
        return condition.Evaluate(scope);
    }
}
