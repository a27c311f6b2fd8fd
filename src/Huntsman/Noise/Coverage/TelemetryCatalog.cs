using Huntsman.Events.Taxonomy;

namespace Huntsman.Noise.Coverage;

/// <summary>
/// The telemetry a Windows hunt needs, with the audit-policy or Sysmon setting that produces each.
/// This is about what the evidence holds; which Sigma logsource reads which feed is the Sigma engine's
/// business (coverage asks it, see <see cref="RuleBlindness"/>).
/// </summary>
public static class TelemetryCatalog
{
    private const string PowerShellCore = "PowerShellCore/Operational";
    private const string Wmi = "Microsoft-Windows-WMI-Activity/Operational";
    private const string TaskScheduler = "Microsoft-Windows-TaskScheduler/Operational";

    private static TelemetryFeed Sysmon(params int[] ids) => new(Channels.Sysmon, ids);
    private static TelemetryFeed Security(params int[] ids) => new(Channels.Security, ids);
    private static TelemetryFeed Defender(string table, int id) => new(Channels.DefenderPrefix + table, [id]);

    public static readonly IReadOnlyList<TelemetrySource> All =
    [
        new("process", "Process creation", [Sysmon(1), Security(4688), Defender("DeviceProcessEvents", 1)],
            "process-creation rules, parent/child lineage and command lines",
            "enable 'Audit Process Creation' (Advanced Audit Policy > Detailed Tracking) with 'Include command line in process creation events', or Sysmon ProcessCreate (event 1)"),
        new("process_termination", "Process termination", [Sysmon(5), Security(4689)],
            "process lifetimes (how long a remote service binary ran)",
            "enable 'Audit Process Termination', or Sysmon ProcessTerminate (event 5)"),
        new("network", "Network connections", [Sysmon(3), Security(5156), Defender("DeviceNetworkEvents", 3)],
            "which process talked to which host and port (C2, SMB/RPC/WinRM lateral movement)",
            "Sysmon NetworkConnect (event 3) with include rules for the processes you care about, or 'Audit Filtering Platform Connection' (5156)"),
        new("dns", "DNS queries", [Sysmon(22)],
            "which process resolved which name",
            "Sysmon DnsQuery (event 22, Sysmon 10+)"),
        new("registry", "Registry changes", [Sysmon(12, 13, 14), Security(4657), Defender("DeviceRegistryEvents", 13)],
            "registry rules: persistence keys, service keys, EULA/tool artefacts",
            "Sysmon RegistryEvent (events 12, 13, 14) for Run keys, Services and tool keys, or 'Audit Registry' with SACLs on those keys (4657)"),
        new("file", "File creation", [Sysmon(11), Defender("DeviceFileEvents", 11)],
            "dropped tools and payloads (e.g. PSEXESVC.exe written to ADMIN$)",
            "Sysmon FileCreate (event 11) for executables, scripts and temp/ADMIN$ paths"),
        new("file_delete", "File deletion", [Sysmon(23, 26)],
            "tool clean-up and wipers",
            "Sysmon FileDelete (event 23, archives the file) or FileDeleteDetected (event 26)"),
        new("image_load", "Image (DLL) loads", [Sysmon(7), Defender("DeviceImageLoadEvents", 7)],
            "DLL side-loading and in-memory tooling (image_load rules)",
            "Sysmon ImageLoad (event 7) with targeted include rules (it is voluminous)"),
        new("driver_load", "Driver loads", [Sysmon(6)],
            "vulnerable and malicious drivers",
            "Sysmon DriverLoad (event 6)"),
        new("process_access", "Process access", [Sysmon(10)],
            "credential dumping from LSASS (process_access rules)",
            "Sysmon ProcessAccess (event 10) for TargetImage lsass.exe"),
        new("remote_thread", "Remote thread creation", [Sysmon(8)],
            "code injection (create_remote_thread rules)",
            "Sysmon CreateRemoteThread (event 8)"),
        new("pipe", "Named pipes", [Sysmon(17, 18)],
            "PsExec-family and C2 named pipes (pipe_created rules)",
            "Sysmon PipeEvent (events 17, 18); log all pipes or at least PSEXESVC, RemCom, PAExec and svcctl/atsvc"),
        new("wmi", "WMI activity", [Sysmon(19, 20, 21), new TelemetryFeed(Wmi, [5857, 5860, 5861])],
            "WMI event-subscription persistence",
            "Sysmon WmiEvent (events 19-21); the WMI-Activity/Operational log (5861) is on by default"),
        new("powershell_script", "PowerShell script blocks", [new TelemetryFeed(Channels.PowerShell, [4104]), new TelemetryFeed(PowerShellCore, [4104])],
            "PowerShell content (ps_script rules, decoded -EncodedCommand payloads)",
            "turn on 'PowerShell Script Block Logging' (Administrative Templates > Windows PowerShell)"),
        new("powershell_module", "PowerShell module logging", [new TelemetryFeed(Channels.PowerShell, [4103]), new TelemetryFeed(PowerShellCore, [4103])],
            "cmdlet invocations with parameters (ps_module rules)",
            "turn on 'PowerShell Module Logging' for module names '*'"),
        new("share_access", "File share access", [Security(5140)],
            "who connected to ADMIN$, C$ and IPC$",
            "enable 'Audit File Share' (Advanced Audit Policy > Object Access)"),
        new("share_detail", "Detailed file share access", [Security(5145)],
            "admin-share lateral movement (files written to ADMIN$, svcctl/PSEXESVC pipes over IPC$)",
            "enable 'Audit Detailed File Share' (Advanced Audit Policy > Object Access)"),
        new("service_install", "Service installation", [new TelemetryFeed(Channels.System, [7045]), Security(4697)],
            "remote service execution (PsExec, smbexec, Metasploit psexec)",
            "System 7045 is logged by default (collect the System log); for 4697 enable 'Audit Security System Extension'"),
        new("logon", "Logons", [Security(4624, 4625)],
            "who logged on from where (logon type 3 lateral movement, 10 RDP)",
            "enable 'Audit Logon' (success and failure)"),
        new("explicit_credentials", "Explicit credential use", [Security(4648)],
            "runas and net use with explicit credentials on the source host",
            "enable 'Audit Logon' (4648 is in the same subcategory)"),
        new("scheduled_task", "Scheduled tasks", [Security(4698, 4699, 4702), new TelemetryFeed(TaskScheduler, [106, 140, 141, 200])],
            "remote task creation (atexec) and task persistence",
            "enable 'Audit Other Object Access Events' (4698/4699/4702) or the TaskScheduler/Operational log"),
        new("kerberos", "Kerberos ticket requests", [Security(4768, 4769)],
            "Kerberoasting and ticket abuse (on domain controllers)",
            "on domain controllers enable 'Audit Kerberos Authentication Service' and 'Audit Kerberos Service Ticket Operations'"),
    ];

    public static TelemetrySource? Find(string id) => All.FirstOrDefault(s => s.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
}
