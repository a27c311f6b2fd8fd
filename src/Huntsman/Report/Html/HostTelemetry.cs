namespace Huntsman.Report.Html;

/// <summary>What one host logged: each channel and event ID present, with counts and first/last time.</summary>
public sealed record HostTelemetry(string Host, IReadOnlyList<TelemetryCount> Counts)
{
    public long Events => Counts.Sum(c => c.Count);
}
