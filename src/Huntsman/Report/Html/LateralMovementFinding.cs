namespace Huntsman.Report.Html;

/// <summary>
/// One movement from a source host to a target host (PsExec-family service execution, WMI, scheduled
/// task, …). <see cref="SourceHost"/> may be an IP address or null when the source left no trace.
/// </summary>
public sealed record LateralMovementFinding
{
    /// <summary>What happened, e.g. "remote service execution", "local escalation", "wmi exec".</summary>
    public string Kind { get; init; } = "";
    /// <summary>The tool it looks like: PsExec, renamed PsExec, PAExec, Impacket smbexec, …</summary>
    public string Tool { get; init; } = "";
    public string? SourceHost { get; init; }
    public string TargetHost { get; init; } = "";
    public string? Account { get; init; }
    public DateTime Time { get; init; }
    /// <summary>0–1.</summary>
    public double Confidence { get; init; }
    public IReadOnlyList<string> Reasons { get; init; } = [];
    public IReadOnlyList<string> Commands { get; init; } = [];
    public IReadOnlyList<string> Techniques { get; init; } = [];
}
