using Huntsman.Noise.Coverage;

namespace Huntsman.Report.Html;

/// <summary>One host's telemetry for the report: which channel/event ID pairs it logged, how often, when.</summary>
public sealed record HostTelemetry(string Host, IReadOnlyList<TelemetryCount> Counts)
{
    public long Events => Counts.Sum(c => c.Count);

    /// <summary>The report's view of a coverage scan (the hunt counts telemetry once, in the coverage collector).</summary>
    public static IReadOnlyList<HostTelemetry> From(CoverageReport coverage) =>
        coverage.Hosts.Select(h => new HostTelemetry(h.Host,
            h.EventIds.Select(c => new TelemetryCount(c.Channel, c.EventId, c.Count, c.First, c.Last)).ToList())).ToList();
}
