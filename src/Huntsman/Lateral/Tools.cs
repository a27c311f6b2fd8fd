namespace Huntsman.Lateral;

/// <summary>The tool names findings use, from the most specific to the most generic (lower rank wins when evidence disagrees).</summary>
internal static class Tools
{
    public const string PsExecRenamed = "psexec-renamed";
    public const string PsExec = "psexec";
    public const string PaExec = "paexec";
    public const string ImpacketPsExec = "impacket-psexec";
    public const string RemCom = "remcom";
    public const string CsExec = "csexec";
    public const string ImpacketSmbExec = "impacket-smbexec";
    public const string ImpacketWmiExec = "impacket-wmiexec";
    public const string ImpacketAtExec = "impacket-atexec";
    public const string ImpacketDcomExec = "impacket-dcomexec";
    public const string MetasploitPsExec = "metasploit-psexec";
    public const string RemoteService = "remote-service";
    public const string RemoteTask = "remote-task";
    public const string RemoteWmi = "remote-wmi";
    public const string AdminShareAccess = "admin-share-access";
    public const string Unknown = "unknown";

    private static readonly string[] Order =
    [
        PsExecRenamed, PsExec, PaExec, ImpacketPsExec, RemCom, CsExec, ImpacketSmbExec, ImpacketWmiExec, ImpacketAtExec,
        ImpacketDcomExec, MetasploitPsExec, RemoteService, RemoteTask, RemoteWmi, AdminShareAccess, Unknown,
    ];

    public static int Rank(string? tool) => tool is null ? Order.Length : Array.IndexOf(Order, tool) is var i && i >= 0 ? i : Order.Length;

    /// <summary>Tools that drop a service binary over ADMIN$ (so T1570 applies).</summary>
    public static bool CopiesBinary(string tool) => tool is PsExecRenamed or PsExec or PaExec or ImpacketPsExec or RemCom or CsExec;

    /// <summary>Service-based tools (T1569.002 and T1543.003 apply).</summary>
    public static bool UsesService(string tool) =>
        tool is PsExecRenamed or PsExec or PaExec or ImpacketPsExec or RemCom or CsExec or ImpacketSmbExec or MetasploitPsExec or RemoteService;

    /// <summary>ATT&amp;CK techniques for a finding, as mapped in docs/lateral.md (psexec.md §2.3).</summary>
    public static List<string> Attack(string tool, bool lateral, bool binaryWritten, bool serviceInstalled, bool smbSeen)
    {
        var ids = new List<string>();
        // SMB admin shares: the service-based tools work over SMB by design; the others only when SMB use was seen.
        bool overSmb = UsesService(tool) || CopiesBinary(tool) || tool is AdminShareAccess || smbSeen && tool is not (ImpacketWmiExec or RemoteWmi or ImpacketDcomExec);
        if (lateral && overSmb) ids.Add("T1021.002");
        if (tool is ImpacketDcomExec) ids.Add("T1021.003");
        if (UsesService(tool)) ids.Add("T1569.002");
        if (lateral && (binaryWritten || CopiesBinary(tool))) ids.Add("T1570");
        if (UsesService(tool) && (serviceInstalled || tool != RemoteService)) ids.Add("T1543.003");
        if (tool is ImpacketWmiExec or RemoteWmi) ids.Add("T1047");
        if (tool is ImpacketAtExec or RemoteTask) ids.Add("T1053.005");
        if (tool is PsExecRenamed) ids.Add("T1036.003");
        if (tool is AdminShareAccess && lateral && binaryWritten && !ids.Contains("T1570")) ids.Add("T1570");
        return ids;
    }
}
