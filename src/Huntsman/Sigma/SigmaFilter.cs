using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma;

/// <summary>
/// A Sigma filter (meta filter rule): its condition is ANDed onto every rule it targets — rules named
/// by id or name in <c>filter.rules</c> (all rules when <c>any</c> or empty) whose logsource the
/// filter's logsource contains (pySigma semantics).
/// </summary>
public sealed class SigmaFilter
{
    public string Title { get; init; } = "";
    public string? Id { get; init; }
    public LogSource LogSource { get; init; } = new(null, null, null);
    /// <summary>Rule ids or names the filter applies to; null means every rule.</summary>
    public IReadOnlySet<string>? RuleRefs { get; init; }
    public string File { get; init; } = "";
    public int Line { get; init; }
    internal ConditionNode Condition { get; init; } = null!;

    public bool AppliesTo(SigmaRule rule) =>
        LogSource.Contains(rule.LogSource)
        && (RuleRefs is null || (rule.Id is not null && RuleRefs.Contains(rule.Id)) || (rule.Name is not null && RuleRefs.Contains(rule.Name)));
}
