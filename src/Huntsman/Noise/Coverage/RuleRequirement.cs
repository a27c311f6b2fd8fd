namespace Huntsman.Noise.Coverage;

/// <summary>
/// What one rule needs to be able to fire: its logsource (as written, e.g. "windows/registry_set") and
/// the channel/event-ID feeds the Sigma engine's logsource taxonomy maps it to (any one is enough).
/// </summary>
public sealed record RuleRequirement(string RuleId, string LogSource, IReadOnlyList<TelemetryFeed> Feeds);
