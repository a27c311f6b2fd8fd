using Huntsman.Hunt;

namespace Huntsman.Lateral;

/// <summary>
/// One remote (or local, service-based) execution, with both ends when the evidence has them.
/// Serialised with snake_case keys by <see cref="FindingJsonWriter"/>.
/// </summary>
public sealed class LateralFinding
{
    public const string LateralMovement = "lateral_movement";
    public const string LocalExecution = "local_execution";

    /// <summary><see cref="LateralMovement"/> or <see cref="LocalExecution"/> (psexec -s on one host is privilege escalation).</summary>
    public required string Kind { get; init; }
    public required string Tool { get; set; }
    public List<string> Attack { get; set; } = new();
    public string? SourceHost { get; set; }
    public string? SourceIp { get; set; }
    public long? SourcePid { get; set; }
    /// <summary>The source process and its parents, nearest first (when the source host's process events are present).</summary>
    public IReadOnlyList<ProcessStep> SourceProcess { get; set; } = [];
    public string? TargetHost { get; set; }
    public string? Account { get; set; }
    public List<string> LogonIds { get; } = new();
    public string? LogonType { get; set; }
    public string? AuthPackage { get; set; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }
    public string? ServiceName { get; set; }
    public string? ServiceImage { get; set; }
    public List<string> Pipes { get; } = new();
    /// <summary>Processes started on the target by the tool, each with its descendants.</summary>
    public List<CommandTree> Commands { get; } = new();
    /// <summary>high, medium or low.</summary>
    public string Confidence { get; set; } = "low";
    public List<string> Reasons { get; } = new();
    public List<FindingEvidence> Evidence { get; } = new();
    /// <summary>Name of the allowlist entry that matched, if any.</summary>
    public string? SuppressedBy { get; set; }
    public string? SuppressionReason { get; set; }
    /// <summary>True when the allowlist entry hides the finding (false: it only lowered the confidence).</summary>
    public bool Suppressed { get; set; }

    /// <summary>Deterministic order: start, then target host, then tool.</summary>
    public static int Compare(LateralFinding a, LateralFinding b)
    {
        int c = a.Start.CompareTo(b.Start);
        if (c == 0) c = string.Compare(a.TargetHost, b.TargetHost, StringComparison.OrdinalIgnoreCase);
        if (c == 0) c = string.CompareOrdinal(a.Tool, b.Tool);
        if (c == 0) c = string.Compare(a.SourceHost, b.SourceHost, StringComparison.OrdinalIgnoreCase);
        return c;
    }
}
