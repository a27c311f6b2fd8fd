namespace Huntsman.Report.Html;

/// <summary>
/// One movement from a source host to a target host (PsExec-family service execution, WMI, scheduled
/// task, …). <see cref="SourceHost"/> may be an IP address or null when the source left no trace.
/// </summary>
public sealed record LateralMovementFinding
{
    /// <summary>What happened: "lateral_movement", or "local_execution" for a service-based run on one host (psexec -s).</summary>
    public string Kind { get; init; } = "";
    /// <summary>The tool it looks like: PsExec, renamed PsExec, PAExec, Impacket smbexec, …</summary>
    public string Tool { get; init; } = "";
    public string? SourceHost { get; init; }
    public string TargetHost { get; init; } = "";
    public string? Account { get; init; }
    public DateTime Time { get; init; }
    /// <summary>high, medium or low.</summary>
    public string Confidence { get; init; } = "low";
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> Commands { get; init; } = [];
    public IReadOnlyList<string> Techniques { get; init; } = [];
}
