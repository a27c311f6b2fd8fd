using Huntsman.Hunt;

namespace Huntsman.Report.Html;

/// <summary>
/// Everything the HTML report shows. Plain data, filled by the hunt pipeline (or by <c>huntsman report</c>
/// from what it can compute itself); every string in it is treated as hostile by the writer.
/// </summary>
public sealed record ReportModel
{
    public string Title { get; init; } = "Huntsman report";
    public RunSummary Summary { get; init; } = new();
    /// <summary>Detections in output order (time, then file, record, rule).</summary>
    public IReadOnlyList<Detection> Detections { get; init; } = [];
    public IReadOnlyList<LateralMovementFinding> LateralMovements { get; init; } = [];
    /// <summary>
    /// Process trees around high/critical detections. When empty the writer draws each such detection's
    /// ancestry chain instead.
    /// </summary>
    public IReadOnlyList<ProcessTree> ProcessTrees { get; init; } = [];
    public IReadOnlyList<HostTelemetry> Hosts { get; init; } = [];
    /// <summary>Telemetry blind spots: missing sources with audit/Sysmon advice, rules that can never fire, log clears.</summary>
    public IReadOnlyList<string> BlindSpots { get; init; } = [];
    /// <summary>What the allowlist suppressed, so nothing disappears silently.</summary>
    public IReadOnlyList<SuppressedItem> Suppressed { get; init; } = [];
}
