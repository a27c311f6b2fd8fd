namespace Huntsman.Noise.Coverage;

/// <summary>Everything coverage knows about one host: what it logged, continuity per channel, clears, and what it cannot see.</summary>
public sealed record HostCoverage(
    string Host,
    long Events,
    DateTime First,
    DateTime Last,
    IReadOnlyList<EventIdCoverage> EventIds,
    IReadOnlyList<ChannelContinuity> Channels,
    IReadOnlyList<LogCleared> Clears,
    IReadOnlyList<TelemetrySource> Present,
    IReadOnlyList<TelemetrySource> Missing);
