using Huntsman.Events;

namespace Huntsman.Lateral;

/// <summary>One event reduced to the facts lateral-movement correlation needs. Kept instead of the whole stream.</summary>
internal sealed class Observation
{
    public Observation(ObservationKind kind, WinEvent e, string summary)
    {
        Kind = kind;
        Event = e;
        Summary = summary;
    }

    public ObservationKind Kind { get; }
    public WinEvent Event { get; }
    public string Host => Event.Computer;
    public DateTime Time => Event.TimeCreated;
    /// <summary>One line for the finding's evidence list.</summary>
    public string Summary { get; }

    /// <summary>Can open a finding by itself (otherwise it only adds context to one).</summary>
    public bool Anchor { get; set; }
    /// <summary>The tool this event's shape points to, if any.</summary>
    public string? Tool { get; set; }
    /// <summary>Why it matters, for the finding's reasons.</summary>
    public string? Reason { get; set; }
    /// <summary>Evidence that the execution started on this same host (local PsExec, pipe naming this host).</summary>
    public bool Local { get; set; }
    /// <summary>Evidence that the action came over the network even without an address (e.g. one logon session per RPC call).</summary>
    public bool Remote { get; set; }

    public string? RemoteIp { get; set; }
    public int? RemotePort { get; set; }
    public string? Account { get; set; }
    public string? AccountSid { get; set; }
    public long? LogonId { get; set; }
    public string? LogonType { get; set; }
    public string? AuthPackage { get; set; }
    public string? Workstation { get; set; }
    public string? ServiceName { get; set; }
    public string? ServiceImage { get; set; }
    public string? Pipe { get; set; }
    public string? FileName { get; set; }
    /// <summary>Source host and PID claimed by the evidence (stdio pipe, PSEXEC-HOST.key, Sysmon 3 SourceHostname).</summary>
    public string? SourceHost { get; set; }
    public long? SourcePid { get; set; }
    /// <summary>Source side: the remote host the action names.</summary>
    public string? TargetHost { get; set; }
    /// <summary>Source side: the local port of an outbound SMB connection.</summary>
    public int? LocalPort { get; set; }
    public long? ProcessId { get; set; }
}
