using Huntsman.Hunt;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Behaviour on one host that the baseline never saw (or saw only rarely, elsewhere): one finding per
/// host and behaviour, with how often it occurred, a 0–100 score and a plain explanation.
/// </summary>
public sealed class Anomaly
{
    /// <summary>The finding kind allowlist scopes use.</summary>
    public const string FindingKind = "anomaly";

    public required string Host { get; init; }
    public required BehaviourKind Category { get; init; }
    public required string Key { get; init; }
    public required string Description { get; init; }
    /// <summary>True when no host in the baseline showed it; false when it was rare and never on this host.</summary>
    public required bool NeverSeen { get; init; }
    public required int Score { get; init; }
    public required string Explanation { get; init; }
    public required DateTime First { get; init; }
    public DateTime Last { get; internal set; }
    public long Occurrences { get; internal set; }
    /// <summary>The first event that showed the behaviour.</summary>
    public required EventRef Event { get; init; }
    /// <summary>
    /// Fields for allowlist matching and reports: host, category, key, then the first event's payload
    /// fields (Image, ParentImage, CommandLine, ServiceName, PipeName, …).
    /// </summary>
    public required IReadOnlyDictionary<string, string> Fields { get; init; }
}
