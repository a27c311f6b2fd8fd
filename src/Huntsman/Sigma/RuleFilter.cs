namespace Huntsman.Sigma;

/// <summary>Which loaded rules a <see cref="RuleMatcher"/> runs (CLI --min-level, --status, --tags, --rule-id, exclusions).</summary>
public sealed record RuleFilter
{
    public static readonly RuleFilter All = new();

    public RuleLevel MinLevel { get; init; } = RuleLevel.Unknown;
    /// <summary>Allowed statuses (stable, test, …); empty = any.</summary>
    public IReadOnlySet<string> Statuses { get; init; } = new HashSet<string>();
    /// <summary>A rule must carry at least one of these tags (exact, case-insensitive); empty = any.</summary>
    public IReadOnlySet<string> Tags { get; init; } = new HashSet<string>();
    /// <summary>Only these rule ids (or names); empty = any.</summary>
    public IReadOnlySet<string> RuleIds { get; init; } = new HashSet<string>();
    /// <summary>Rule ids (or names) never run.</summary>
    public IReadOnlySet<string> ExcludeIds { get; init; } = new HashSet<string>();

    public bool Accepts(SigmaRule rule)
    {
        if (rule.Level < MinLevel) return false;
        if (Statuses.Count > 0 && !Statuses.Any(s => s.Equals(rule.Status, StringComparison.OrdinalIgnoreCase))) return false;
        if (Tags.Count > 0 && !rule.Tags.Any(t => Tags.Any(w => w.Equals(t, StringComparison.OrdinalIgnoreCase)))) return false;
        if (RuleIds.Count > 0 && !Named(RuleIds, rule)) return false;
        return !Named(ExcludeIds, rule);
    }

    private static bool Named(IReadOnlySet<string> set, SigmaRule rule) =>
        set.Any(s => s.Equals(rule.Id, StringComparison.OrdinalIgnoreCase) || s.Equals(rule.Name, StringComparison.OrdinalIgnoreCase));
}
