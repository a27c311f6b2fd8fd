namespace Huntsman.Noise.Coverage;

/// <summary>
/// The telemetry a set of evidence holds and the blind spots it leaves, per host and overall; the model
/// behind `huntsman coverage`, hunt's JSON <c>coverage</c> block and the HTML report's Telemetry section.
/// </summary>
public sealed class CoverageReport
{
    public required long Events { get; init; }
    /// <summary>Hosts in name order (case-insensitive).</summary>
    public required IReadOnlyList<HostCoverage> Hosts { get; init; }
    /// <summary>Telemetry no host provides at all.</summary>
    public required IReadOnlyList<TelemetrySource> MissingEverywhere { get; init; }
    /// <summary>Rules whose logsource has no telemetry anywhere, grouped by what is missing; empty when no rules were given.</summary>
    public IReadOnlyList<RuleBlindSpot> RuleBlindSpots { get; init; } = [];
    /// <summary>Rules considered for the rule side (0 when no rules were given).</summary>
    public int RulesLoaded { get; init; }
    /// <summary>Rules that can never fire on this evidence.</summary>
    public int RulesBlind { get; init; }

    public IEnumerable<LogCleared> Clears => Hosts.SelectMany(h => h.Clears);
}
