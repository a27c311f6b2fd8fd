using System.Text.Json;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Readers.Json;

/// <summary>
/// Microsoft Defender Advanced Hunting rows (DeviceProcessEvents, DeviceNetworkEvents, …). Every column is kept;
/// the channel is "Defender:&lt;Table&gt;", the EventID the Sysmon equivalent, and Sysmon field names are added beside
/// the columns so rules and lineage see them like Sysmon events (docs/fields.md).
/// </summary>
internal static class DefenderShape
{
    public const string Provider = "Microsoft-Defender";

    public static bool Matches(JsonElement root) =>
        TableProperty(root) is not null ||
        (root.TryGetProperty("Timestamp", out _) && (root.TryGetProperty("DeviceName", out _) || root.TryGetProperty("DeviceId", out _)));

    public static WinEvent Read(JsonElement root)
    {
        var e = new WinEvent { Provider = Provider };
        foreach (var p in root.EnumerateObject())
        {
            if (p.Name is "Table" or "$table" or "TableName") continue;
            e.Add(p.Name, JsonText.Of(p.Value));
        }
        var table = TableProperty(root) ?? InferTable(e);
        e.Channel = Channels.DefenderPrefix + table;
        e.EventId = SysmonEventId(table, e.GetPayload("ActionType"));
        e.Computer = e.GetPayload("DeviceName") ?? "";
        if (Timestamps.TryParseUtc(e.GetPayload("Timestamp"), out var time)) e.TimeCreated = time;
        if (long.TryParse(e.GetPayload("ReportId"), out var report)) e.RecordId = report;
        AddSysmonNames(e, table);
        return e;
    }

    private static string? TableProperty(JsonElement root)
    {
        foreach (var name in (ReadOnlySpan<string>)["Table", "$table", "TableName"])
            if (root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } t) return t;
        return null;
    }

    /// <summary>Without a table column, the ActionType and the columns present tell the table.</summary>
    private static string InferTable(WinEvent e)
    {
        var action = e.GetPayload("ActionType") ?? "";
        if (action == "ProcessCreated") return "DeviceProcessEvents";
        if (action == "ImageLoaded") return "DeviceImageLoadEvents";
        if (action.StartsWith("Logon", StringComparison.Ordinal) || e.GetPayload("LogonType") is not null && e.GetPayload("RegistryKey") is null)
            return "DeviceLogonEvents";
        if (action.StartsWith("Registry", StringComparison.Ordinal) || e.GetPayload("RegistryKey") is not null) return "DeviceRegistryEvents";
        if (action.StartsWith("File", StringComparison.Ordinal)) return "DeviceFileEvents";
        if (action.StartsWith("Connection", StringComparison.Ordinal) || action.StartsWith("Inbound", StringComparison.Ordinal) ||
            action.StartsWith("Listening", StringComparison.Ordinal) || e.GetPayload("RemoteIP") is not null && e.GetPayload("RemotePort") is not null)
            return "DeviceNetworkEvents";
        if (e.GetPayload("ProcessCommandLine") is not null && e.GetPayload("InitiatingProcessFileName") is not null && action.Length == 0)
            return "DeviceProcessEvents";
        return "DeviceEvents";
    }

    private static int SysmonEventId(string table, string? action) => table switch
    {
        "DeviceProcessEvents" => 1,
        "DeviceNetworkEvents" => 3,
        "DeviceImageLoadEvents" => 7,
        "DeviceFileEvents" => 11,
        "DeviceRegistryEvents" => 13,
        "DeviceEvents" when action == "DnsQueryResponse" => 22,
        _ => 0,
    };

    private static void AddSysmonNames(WinEvent e, string table)
    {
        bool process = table == "DeviceProcessEvents";
        // The acting process: the new process for process rows, the initiating process for every other table.
        if (process)
        {
            AddIf(e, "Image", PathOf(e.GetPayload("FolderPath"), e.GetPayload("FileName")));
            AddIf(e, "CommandLine", e.GetPayload("ProcessCommandLine"));
            AddIf(e, "ProcessId", e.GetPayload("ProcessId"));
            AddIf(e, "User", Accounts.Join(e.GetPayload("AccountDomain"), e.GetPayload("AccountName")));
            AddIf(e, "IntegrityLevel", e.GetPayload("ProcessIntegrityLevel"));
            AddIf(e, "OriginalFileName", e.GetPayload("ProcessVersionInfoOriginalFileName"));
            AddIf(e, "Hashes", Hashes(e));
            AddIf(e, "ParentImage", PathOf(e.GetPayload("InitiatingProcessFolderPath"), e.GetPayload("InitiatingProcessFileName")));
            AddIf(e, "ParentCommandLine", e.GetPayload("InitiatingProcessCommandLine"));
            AddIf(e, "ParentProcessId", e.GetPayload("InitiatingProcessId"));
            AddIf(e, "ParentUser", Accounts.Join(e.GetPayload("InitiatingProcessAccountDomain"), e.GetPayload("InitiatingProcessAccountName")));
        }
        else
        {
            AddIf(e, "Image", PathOf(e.GetPayload("InitiatingProcessFolderPath"), e.GetPayload("InitiatingProcessFileName")));
            AddIf(e, "CommandLine", e.GetPayload("InitiatingProcessCommandLine"));
            AddIf(e, "ProcessId", e.GetPayload("InitiatingProcessId"));
            AddIf(e, "User", Accounts.Join(e.GetPayload("InitiatingProcessAccountDomain"), e.GetPayload("InitiatingProcessAccountName")));
            AddIf(e, "ParentImage", e.GetPayload("InitiatingProcessParentFileName"));
            AddIf(e, "ParentProcessId", e.GetPayload("InitiatingProcessParentId"));
        }
        switch (table)
        {
            case "DeviceNetworkEvents":
                AddIf(e, "DestinationIp", e.GetPayload("RemoteIP"));
                AddIf(e, "DestinationPort", e.GetPayload("RemotePort"));
                AddIf(e, "DestinationHostname", e.GetPayload("RemoteUrl"));
                AddIf(e, "SourceIp", e.GetPayload("LocalIP"));
                AddIf(e, "SourcePort", e.GetPayload("LocalPort"));
                AddIf(e, "Initiated", e.GetPayload("ActionType") is "InboundConnectionAccepted" or "ListeningConnectionCreated" ? "false" : "true");
                break;
            case "DeviceFileEvents":
                AddIf(e, "TargetFilename", PathOf(e.GetPayload("FolderPath"), e.GetPayload("FileName")));
                AddIf(e, "Hashes", Hashes(e));
                break;
            case "DeviceImageLoadEvents":
                AddIf(e, "ImageLoaded", PathOf(e.GetPayload("FolderPath"), e.GetPayload("FileName")));
                AddIf(e, "Hashes", Hashes(e));
                break;
            case "DeviceRegistryEvents":
                var key = e.GetPayload("RegistryKey");
                var valueName = e.GetPayload("RegistryValueName");
                AddIf(e, "TargetObject", string.IsNullOrEmpty(valueName) || key is null ? key : key + "\\" + valueName);
                AddIf(e, "Details", e.GetPayload("RegistryValueData"));
                AddIf(e, "EventType", RegistryEventType(e.GetPayload("ActionType")));
                break;
            case "DeviceLogonEvents":
                AddIf(e, "TargetUserName", e.GetPayload("AccountName"));
                AddIf(e, "TargetDomainName", e.GetPayload("AccountDomain"));
                AddIf(e, "IpAddress", e.GetPayload("RemoteIP"));
                AddIf(e, "IpPort", e.GetPayload("RemotePort"));
                AddIf(e, "WorkstationName", e.GetPayload("RemoteDeviceName"));
                break;
        }
    }

    /// <summary>Full path: FolderPath usually already ends with the file name; when it is a directory, append it.</summary>
    internal static string? PathOf(string? folder, string? file)
    {
        if (string.IsNullOrEmpty(folder)) return string.IsNullOrEmpty(file) ? null : file;
        if (string.IsNullOrEmpty(file) || folder.EndsWith(file, StringComparison.OrdinalIgnoreCase)) return folder;
        return folder.EndsWith('\\') ? folder + file : folder + "\\" + file;
    }

    private static string? Hashes(WinEvent e)
    {
        var parts = new List<string>(3);
        foreach (var algo in (ReadOnlySpan<string>)["SHA1", "MD5", "SHA256"])
            if (e.GetPayload(algo) is { Length: > 0 } h) parts.Add(algo + "=" + h.ToUpperInvariant());
        return parts.Count == 0 ? null : string.Join(",", parts);
    }

    private static string? RegistryEventType(string? action) => action switch
    {
        "RegistryValueSet" => "SetValue",
        "RegistryKeyCreated" => "CreateKey",
        "RegistryKeyDeleted" => "DeleteKey",
        "RegistryValueDeleted" => "DeleteValue",
        "RegistryKeyRenamed" => "RenameKey",
        _ => null,
    };

    /// <summary>Sysmon names never shadow a real column of the same name.</summary>
    private static void AddIf(WinEvent e, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value) && e.GetPayload(name) is null) e.Add(name, value);
    }
}
