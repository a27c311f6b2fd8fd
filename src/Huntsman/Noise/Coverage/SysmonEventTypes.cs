namespace Huntsman.Noise.Coverage;

/// <summary>Sysmon's event ID table (Microsoft-Windows-Sysmon/Operational), as Sysmon's manifest names them.</summary>
public static class SysmonEventTypes
{
    private static readonly Dictionary<int, string> Names = new()
    {
        [1] = "ProcessCreate",
        [2] = "FileCreateTime",
        [3] = "NetworkConnect",
        [4] = "Sysmon state",
        [5] = "ProcessTerminate",
        [6] = "DriverLoad",
        [7] = "ImageLoad",
        [8] = "CreateRemoteThread",
        [9] = "RawAccessRead",
        [10] = "ProcessAccess",
        [11] = "FileCreate",
        [12] = "RegistryEvent (create/delete)",
        [13] = "RegistryEvent (value set)",
        [14] = "RegistryEvent (rename)",
        [15] = "FileCreateStreamHash",
        [16] = "ServiceConfigurationChange",
        [17] = "PipeCreated",
        [18] = "PipeConnected",
        [19] = "WmiEvent (filter)",
        [20] = "WmiEvent (consumer)",
        [21] = "WmiEvent (binding)",
        [22] = "DNSEvent",
        [23] = "FileDelete",
        [24] = "ClipboardChange",
        [25] = "ProcessTampering",
        [26] = "FileDeleteDetected",
        [27] = "FileBlockExecutable",
        [28] = "FileBlockShredding",
        [29] = "FileExecutableDetected",
        [255] = "Error",
    };

    /// <summary>The event type's name, or null for an ID Sysmon does not define.</summary>
    public static string? Name(int eventId) => Names.GetValueOrDefault(eventId);

    public static IEnumerable<int> Ids => Names.Keys.Order();
}
