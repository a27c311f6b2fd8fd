using Huntsman.Events.Taxonomy;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// Huntsman's logsource → telemetry mapping (after SigmaHQ tests/thor.yml and the spec taxonomy):
/// Windows categories → Sysmon EventIDs (plus Security 4688 and Defender tables where they carry the
/// same activity), services → channels. An empty result means "no matching telemetry" (Linux, cloud, …).
/// </summary>
internal static class LogsourceTaxonomy
{
    private const string Defender = Channels.DefenderPrefix;
    private const string PowerShellCore = "PowerShellCore/Operational";
    private const string ClassicPowerShell = "Windows PowerShell";
    private const string WindowsDefender = "Microsoft-Windows-Windows Defender/Operational";

    private static readonly Dictionary<string, string> ProcessCreation4688 = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Image"] = "NewProcessName",
        ["ParentImage"] = "ParentProcessName",
    };

    private static readonly Dictionary<string, string> AntivirusFields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Signature"] = "ThreatName",
        ["Filename"] = "Path",
    };

    /// <summary>Sysmon EventIDs per category; categories Defender exports also carry (same EventIDs) are marked.</summary>
    private static readonly Dictionary<string, (int[] Ids, bool Defender, string[]? EventTypes)> SysmonCategories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["process_creation"] = ([1], true, null),
        ["file_change"] = ([2], false, null),
        ["network_connection"] = ([3], true, null),
        ["sysmon_status"] = ([4, 16], false, null),
        ["process_termination"] = ([5], false, null),
        ["driver_load"] = ([6], false, null),
        ["image_load"] = ([7], true, null),
        ["create_remote_thread"] = ([8], false, null),
        ["raw_access_thread"] = ([9], false, null),
        ["process_access"] = ([10], false, null),
        ["file_event"] = ([11], true, null),
        ["registry_event"] = ([12, 13, 14], true, null),
        ["registry_add"] = ([12], false, ["CreateKey"]),
        ["registry_delete"] = ([12], false, ["DeleteKey", "DeleteValue"]),
        ["registry_set"] = ([13], true, null),
        ["registry_rename"] = ([14], false, null),
        ["create_stream_hash"] = ([15], false, null),
        ["pipe_created"] = ([17, 18], false, null),
        ["wmi_event"] = ([19, 20, 21], false, null),
        ["dns_query"] = ([22], true, null),
        ["file_delete"] = ([23, 26], false, null),
        ["clipboard_capture"] = ([24], false, null),
        ["clipboard_change"] = ([24], false, null),
        ["process_tampering"] = ([25], false, null),
        ["file_delete_detected"] = ([26], false, null),
        ["file_block_executable"] = ([27], false, null),
        ["file_block_shredding"] = ([28], false, null),
        ["file_executable_detected"] = ([29], false, null),
        ["sysmon_error"] = ([255], false, null),
    };

    private static readonly Dictionary<string, string[]> ServiceChannels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["security"] = [Channels.Security],
        ["system"] = [Channels.System],
        ["application"] = ["Application"],
        ["sysmon"] = [Channels.Sysmon],
        ["powershell"] = [Channels.PowerShell, PowerShellCore],
        ["powershell-classic"] = [ClassicPowerShell],
        ["windefend"] = [WindowsDefender],
        ["taskscheduler"] = ["Microsoft-Windows-TaskScheduler/Operational"],
        ["wmi"] = ["Microsoft-Windows-WMI-Activity/Operational"],
        ["ntlm"] = ["Microsoft-Windows-NTLM/Operational"],
        ["dhcp"] = ["Microsoft-Windows-DHCP-Server/Operational"],
        ["printservice-admin"] = ["Microsoft-Windows-PrintService/Admin"],
        ["printservice-operational"] = ["Microsoft-Windows-PrintService/Operational"],
        ["smbclient-security"] = ["Microsoft-Windows-SmbClient/Security"],
        ["smbclient-connectivity"] = ["Microsoft-Windows-SmbClient/Connectivity"],
        ["smbserver-connectivity"] = ["Microsoft-Windows-SMBServer/Connectivity"],
        ["terminalservices-localsessionmanager"] = ["Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"],
        ["codeintegrity-operational"] = ["Microsoft-Windows-CodeIntegrity/Operational"],
        ["applocker"] =
        [
            "Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL",
            "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution",
        ],
        ["msexchange-management"] = ["MSExchange Management"],
        ["firewall-as"] = ["Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"],
        ["bits-client"] = ["Microsoft-Windows-Bits-Client/Operational"],
        ["security-mitigations"] = ["Microsoft-Windows-Security-Mitigations/Kernel Mode", "Microsoft-Windows-Security-Mitigations/User Mode"],
        ["diagnosis-scripted"] = ["Microsoft-Windows-Diagnosis-Scripted/Operational"],
        ["shell-core"] = ["Microsoft-Windows-Shell-Core/Operational"],
        ["openssh"] = ["OpenSSH/Operational"],
        ["ldap"] = ["Microsoft-Windows-LDAP-Client/Debug"],
        ["bitlocker"] = ["Microsoft-Windows-BitLocker/BitLocker Management"],
        ["vhdmp"] = ["Microsoft-Windows-VHDMP/Operational"],
        ["appxdeployment-server"] = ["Microsoft-Windows-AppXDeploymentServer/Operational"],
        ["lsa-server"] = ["Microsoft-Windows-LSA/Operational"],
        ["appxpackaging-om"] = ["Microsoft-Windows-AppxPackaging/Operational"],
        ["dns-client"] = ["Microsoft-Windows-DNS Client Events/Operational"],
        ["appmodel-runtime"] = ["Microsoft-Windows-AppModel-Runtime/Admin"],
        ["capi2"] = ["Microsoft-Windows-CAPI2/Operational"],
        ["certificateservicesclient-lifecycle-system"] = ["Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"],
        ["kernel-shimengine"] = ["Microsoft-Windows-Kernel-ShimEngine/Operational", "Microsoft-Windows-Kernel-ShimEngine/Diagnostic"],
        ["application-experience"] =
        [
            "Microsoft-Windows-Application-Experience/Program-Telemetry",
            "Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant",
        ],
        ["ntfs"] = ["Microsoft-Windows-Ntfs/Operational"],
        ["hyper-v-worker"] = ["Microsoft-Windows-Hyper-V-Worker"],
        ["kernel-event-tracing"] = ["Microsoft-Windows-Kernel-EventTracing"],
        ["sense"] = ["Microsoft-Windows-SENSE/Operational"],
        ["servicebus-client"] = ["Microsoft-ServiceBus-Client/Admin", "Microsoft-ServiceBus-Client/Operational"],
        ["microsoft-servicebus-client"] = ["Microsoft-ServiceBus-Client/Admin", "Microsoft-ServiceBus-Client/Operational"],
        ["iis-configuration"] = ["Microsoft-IIS-Configuration/Operational"],
        ["dns-server"] = ["DNS Server"],
        ["dns-server-analytic"] = ["Microsoft-Windows-DNSServer/Analytical"],
        ["driver-framework"] = ["Microsoft-Windows-DriverFrameworks-UserMode/Operational"],
    };

    /// <summary>Targets for a logsource; empty when Huntsman has no telemetry for it.</summary>
    public static IReadOnlyList<LogsourceTarget> Resolve(LogSource ls)
    {
        var product = ls.Product?.ToLowerInvariant();
        var category = ls.Category?.ToLowerInvariant();
        if (product is not (null or "windows")) return [];
        var targets = new List<LogsourceTarget>();
        if (category is not null)
        {
            if (SysmonCategories.TryGetValue(category, out var c))
            {
                targets.Add(new LogsourceTarget(Channels.Sysmon, false, c.Ids, c.EventTypes));
                if (c.Defender) targets.Add(new LogsourceTarget(Defender, true, c.Ids, c.EventTypes));
                if (category == "process_creation") targets.Add(new LogsourceTarget(Channels.Security, false, [4688], null, ProcessCreation4688));
            }
            else if (category is "ps_module" or "ps_script")
            {
                int[] ids = [category == "ps_module" ? 4103 : 4104];
                targets.Add(new LogsourceTarget(Channels.PowerShell, false, ids));
                targets.Add(new LogsourceTarget(PowerShellCore, false, ids));
            }
            else if (category is "ps_classic_start" or "ps_classic_provider_start" or "ps_classic_script")
                targets.Add(new LogsourceTarget(ClassicPowerShell, false, [category switch { "ps_classic_start" => 400, "ps_classic_provider_start" => 600, _ => 800 }]));
            else if (category == "antivirus")
                targets.Add(new LogsourceTarget(WindowsDefender, false, [1006, 1007, 1008, 1009, 1010, 1011, 1012, 1017, 1018, 1019, 1115, 1116], null, AntivirusFields));
            else return []; // file_access, file_rename (kernel ETW), webserver, proxy, …: not in Windows event logs
            return RestrictToService(targets, ls.Service);
        }
        if (ls.Service is { } service)
            return ServiceChannels.TryGetValue(service, out var channels)
                ? channels.Select(ch => new LogsourceTarget(ch, false, null)).ToList() : [];
        return product == "windows" ? [new LogsourceTarget("", true, null)] : [];
    }

    private static List<LogsourceTarget> RestrictToService(List<LogsourceTarget> targets, string? service)
    {
        if (service is null || !ServiceChannels.TryGetValue(service, out var channels)) return targets;
        var kept = targets.Where(t => channels.Contains(t.Channel, StringComparer.OrdinalIgnoreCase)).ToList();
        return kept.Count > 0 ? kept : targets;
    }
}
