namespace Huntsman.Query.Store;

/// <summary>
/// The tables of a case, named and shaped after Defender Advanced Hunting / Azure Monitor where those exist
/// (see docs/query.md for the mapping). Every table carries File and RecordId for traceability.
/// </summary>
internal static class CaseSchema
{
    private static CaseColumn T(string name, Func<EventRow, object?> value) => new(name, ColumnKind.Text, value);
    private static CaseColumn L(string name, Func<EventRow, object?> value) => new(name, ColumnKind.Long, value);

    private static readonly CaseColumn[] Trace =
    [
        L("EventId", r => (long)r.Event.EventId),
        T("Channel", r => r.Event.Channel),
        T("File", r => r.Event.Origin.File),
        L("RecordId", r => r.Event.RecordId),
    ];

    private static CaseColumn[] Head(string actionType) =>
    [
        new("Timestamp", ColumnKind.Time, r => r.Event.TimeCreated),
        T("DeviceName", r => r.Event.Computer),
        T("ActionType", r => actionType),
    ];

    /// <summary>The process that caused a Sysmon event (Image/ProcessId/ProcessGuid/User).</summary>
    private static readonly CaseColumn[] Initiator =
    [
        T("InitiatingProcessFileName", r => EventRow.FileName(r.P("Image"))),
        T("InitiatingProcessFolderPath", r => r.P("Image")),
        L("InitiatingProcessId", r => r.Number("ProcessId")),
        T("InitiatingProcessUniqueId", r => r.P("ProcessGuid")),
        T("InitiatingProcessAccountDomain", r => EventRow.SplitAccount(r.Get("User")).Domain),
        T("InitiatingProcessAccountName", r => EventRow.SplitAccount(r.Get("User")).Name),
    ];

    public static readonly CaseTable DeviceProcessEvents = new("DeviceProcessEvents", r => r.Process is not null,
    [
        new("Timestamp", ColumnKind.Time, r => r.Process!.Time),
        T("DeviceName", r => r.Process!.Host),
        T("ActionType", r => "ProcessCreated"),
        T("FileName", r => EventRow.FileName(r.Process!.Image)),
        T("FolderPath", r => r.Process!.Image),
        L("ProcessId", r => r.Process!.ProcessId),
        T("ProcessCommandLine", r => r.Process!.CommandLine ?? ""),
        T("ProcessIntegrityLevel", r => r.Process!.IntegrityLevel ?? ""),
        T("ProcessCurrentDirectory", r => r.P("CurrentDirectory")),
        T("AccountDomain", r => EventRow.SplitAccount(r.Process!.User).Domain),
        T("AccountName", r => EventRow.SplitAccount(r.Process!.User).Name),
        T("AccountSid", r => r.First("TargetUserSid", "SubjectUserSid") is { } sid && sid != "S-1-0-0" ? sid : r.P("SubjectUserSid")),
        T("LogonId", r => r.Process!.LogonId ?? ""),
        T("InitiatingProcessFileName", r => EventRow.FileName(r.Process!.ParentImage)),
        T("InitiatingProcessFolderPath", r => r.Process!.ParentImage ?? ""),
        L("InitiatingProcessId", r => r.Process!.ParentProcessId),
        T("InitiatingProcessCommandLine", r => r.Process!.ParentCommandLine ?? ""),
        T("InitiatingProcessUniqueId", r => r.Process!.ParentProcessGuid ?? ""),
        T("ProcessUniqueId", r => r.Process!.ProcessGuid ?? ""),
        T("ProcessVersionInfoOriginalFileName", r => r.Process!.OriginalFileName ?? ""),
        T("SHA1", r => r.Hash("SHA1")),
        T("SHA256", r => r.Hash("SHA256")),
        T("MD5", r => r.Hash("MD5")),
        .. Trace,
    ]);

    public static readonly CaseTable DeviceNetworkEvents = new("DeviceNetworkEvents", r => r.IsSysmonLike && r.Event.EventId == 3,
    [
        .. Head("ConnectionSuccess"),
        T("Protocol", r => r.P("Protocol")),
        // Sysmon's Source is the local end when the connection was initiated here, the remote end otherwise.
        T("LocalIP", r => Initiated(r) ? r.P("SourceIp") : r.P("DestinationIp")),
        L("LocalPort", r => r.Number(Initiated(r) ? "SourcePort" : "DestinationPort")),
        T("RemoteIP", r => Initiated(r) ? r.P("DestinationIp") : r.P("SourceIp")),
        L("RemotePort", r => r.Number(Initiated(r) ? "DestinationPort" : "SourcePort")),
        T("RemoteUrl", r => Initiated(r) ? r.P("DestinationHostname") : r.P("SourceHostname")),
        T("Initiated", r => r.P("Initiated")),
        .. Initiator,
        .. Trace,
    ]);

    private static bool Initiated(EventRow r) => !r.P("Initiated").Equals("false", StringComparison.OrdinalIgnoreCase);

    public static readonly CaseTable DeviceFileEvents = new("DeviceFileEvents",
        r => r.IsSysmonLike && r.Event.EventId is 2 or 11 or 15 or 23 or 26,
    [
        new("Timestamp", ColumnKind.Time, r => r.Event.TimeCreated),
        T("DeviceName", r => r.Event.Computer),
        T("ActionType", r => r.Event.EventId switch
        {
            2 => "FileCreationTimeChanged", 11 => "FileCreated", 15 => "FileStreamCreated", _ => "FileDeleted",
        }),
        T("FileName", r => EventRow.FileName(r.P("TargetFilename"))),
        T("FolderPath", r => r.P("TargetFilename")),
        T("SHA1", r => r.Hash("SHA1")),
        T("SHA256", r => r.Hash("SHA256")),
        T("MD5", r => r.Hash("MD5")),
        .. Initiator,
        .. Trace,
    ]);

    public static readonly CaseTable DeviceRegistryEvents = new("DeviceRegistryEvents", r => r.IsSysmonLike && r.Event.EventId is 12 or 13 or 14,
    [
        new("Timestamp", ColumnKind.Time, r => r.Event.TimeCreated),
        T("DeviceName", r => r.Event.Computer),
        T("ActionType", r => r.Event.EventId switch
        {
            13 => "RegistryValueSet",
            14 => "RegistryKeyRenamed",
            _ => r.P("EventType") switch { "DeleteKey" => "RegistryKeyDeleted", "DeleteValue" => "RegistryValueDeleted", _ => "RegistryKeyCreated" },
        }),
        T("RegistryKey", r => r.Event.EventId switch
        {
            14 => r.P("NewName"),
            13 => KeyPart(r.P("TargetObject")),
            _ => r.P("EventType") == "DeleteValue" ? KeyPart(r.P("TargetObject")) : r.P("TargetObject"),
        }),
        T("RegistryValueName", r => r.Event.EventId == 13 || r.P("EventType") == "DeleteValue" ? EventRow.FileName(r.P("TargetObject")) : ""),
        T("RegistryValueData", r => r.P("Details")),
        T("PreviousRegistryKey", r => r.Event.EventId == 14 ? r.P("TargetObject") : ""),
        .. Initiator,
        .. Trace,
    ]);

    private static string KeyPart(string target)
    {
        int i = target.LastIndexOf('\\');
        return i < 0 ? target : target[..i];
    }

    public static readonly CaseTable DeviceLogonEvents = new("DeviceLogonEvents", r => r.IsSecurity && r.Event.EventId is 4624 or 4625 or 4648,
    [
        new("Timestamp", ColumnKind.Time, r => r.Event.TimeCreated),
        T("DeviceName", r => r.Event.Computer),
        T("ActionType", r => r.Event.EventId switch { 4624 => "LogonSuccess", 4625 => "LogonFailed", _ => "LogonAttempted" }),
        T("LogonType", r => LogonTypeName(r.P("LogonType"))),
        T("AccountDomain", r => r.P("TargetDomainName")),
        T("AccountName", r => r.P("TargetUserName")),
        T("AccountSid", r => r.P("TargetUserSid")),
        T("LogonId", r => r.P("TargetLogonId")),
        T("RemoteIP", r => r.P("IpAddress")),
        L("RemotePort", r => r.Number("IpPort")),
        T("RemoteDeviceName", r => r.Event.EventId == 4648 ? r.P("TargetServerName") : r.P("WorkstationName")),
        T("Protocol", r => r.P("AuthenticationPackageName")),
        T("LogonProcessName", r => r.P("LogonProcessName").Trim()),
        T("FailureReason", r => r.First("FailureReason", "SubStatus", "Status") ?? ""),
        T("InitiatingProcessFileName", r => EventRow.FileName(r.P("ProcessName"))),
        T("InitiatingProcessFolderPath", r => r.P("ProcessName")),
        L("InitiatingProcessId", r => r.Number("ProcessId")),
        T("InitiatingProcessAccountDomain", r => r.P("SubjectDomainName")),
        T("InitiatingProcessAccountName", r => r.P("SubjectUserName")),
        .. Trace,
    ]);

    private static string LogonTypeName(string code) => code switch
    {
        "2" => "Interactive", "3" => "Network", "4" => "Batch", "5" => "Service", "7" => "Unlock",
        "8" => "NetworkCleartext", "9" => "NewCredentials", "10" => "RemoteInteractive", "11" => "CachedInteractive",
        _ => code,
    };

    private static readonly Dictionary<int, string> SysmonActions = new()
    {
        [4] = "SysmonServiceStateChanged", [5] = "ProcessTerminated", [6] = "DriverLoaded", [7] = "ImageLoaded",
        [8] = "CreateRemoteThreadApiCall", [9] = "RawDiskAccess", [10] = "OpenProcessApiCall", [16] = "SysmonConfigurationChanged",
        [17] = "NamedPipeEvent", [18] = "NamedPipeEvent", [19] = "WmiBindEventFilter", [20] = "WmiBindEventFilter",
        [21] = "WmiBindEventFilter", [22] = "DnsQueryResponse", [24] = "ClipboardChanged", [25] = "ProcessTampering",
        [27] = "FileBlockExecutable", [28] = "FileBlockShredding", [29] = "FileExecutableDetected", [255] = "SysmonError",
    };

    public static readonly CaseTable DeviceEvents = new("DeviceEvents",
        r => r.IsSysmonLike && r.Process is null && !(r.Event.EventId is 2 or 3 or 11 or 12 or 13 or 14 or 15 or 23 or 26),
    [
        new("Timestamp", ColumnKind.Time, r => r.Event.TimeCreated),
        T("DeviceName", r => r.Event.Computer),
        T("ActionType", r => r.Get("ActionType") ?? (SysmonActions.TryGetValue(r.Event.EventId, out var a) ? a : $"Event{r.Event.EventId}")),
        T("FileName", r => EventRow.FileName(r.First("ImageLoaded", "TargetImage", "TargetFilename", "PipeName", "Device"))),
        T("FolderPath", r => r.First("ImageLoaded", "TargetImage", "TargetFilename", "PipeName", "Device") ?? ""),
        T("RemoteUrl", r => r.P("QueryName")),
        T("InitiatingProcessFileName", r => EventRow.FileName(r.First("Image", "SourceImage"))),
        T("InitiatingProcessFolderPath", r => r.First("Image", "SourceImage") ?? ""),
        L("InitiatingProcessId", r => r.Number(r.Get("ProcessId") is null ? "SourceProcessId" : "ProcessId")),
        T("InitiatingProcessUniqueId", r => r.First("ProcessGuid", "SourceProcessGuid") ?? ""),
        T("SHA1", r => r.Hash("SHA1")),
        T("SHA256", r => r.Hash("SHA256")),
        T("MD5", r => r.Hash("MD5")),
        T("AdditionalFields", r => r.PayloadJson()),
        .. Trace,
    ]);

    /// <summary>The EventData names most hunts use, as columns; the whole payload stays in EventData (JSON).</summary>
    private static readonly string[] SecurityColumns =
    [
        "SubjectUserSid", "SubjectUserName", "SubjectDomainName", "SubjectLogonId", "TargetUserSid", "TargetUserName",
        "TargetDomainName", "TargetLogonId", "LogonProcessName", "AuthenticationPackageName", "WorkstationName",
        "IpAddress", "IpPort", "ProcessId", "ProcessName", "NewProcessId", "NewProcessName", "CommandLine",
        "ParentProcessName", "TokenElevationType", "MandatoryLabel", "ServiceName", "ServiceFileName", "ShareName",
        "ShareLocalPath", "RelativeTargetName", "ObjectType", "ObjectName", "AccessMask", "AccessList", "Status",
        "SubStatus", "FailureReason", "TargetServerName", "TargetInfo", "PrivilegeList", "TaskName", "MemberName", "MemberSid",
    ];

    public static readonly CaseTable SecurityEvent = new("SecurityEvent", r => r.IsSecurity,
    [
        new("TimeGenerated", ColumnKind.Time, r => r.Event.TimeCreated),
        T("Computer", r => r.Event.Computer),
        L("EventID", r => (long)r.Event.EventId),
        T("Account", r => r.First("TargetUserName") is { } t && t != "-"
            ? Join(r.P("TargetDomainName"), t) : Join(r.P("SubjectDomainName"), r.P("SubjectUserName"))),
        L("LogonType", r => r.Number("LogonType")),
        .. SecurityColumns.Select(name => T(name, r => r.P(name))),
        T("EventData", r => r.PayloadJson()),
        T("File", r => r.Event.Origin.File),
        L("RecordId", r => r.Event.RecordId),
    ]);

    private static string Join(string domain, string user) =>
        user.Length == 0 ? "" : domain.Length == 0 || domain == "-" ? user : $"{domain}\\{user}";

    private static readonly string[] SysmonFields =
    [
        "RuleName", "UtcTime", "ProcessGuid", "ProcessId", "Image", "FileVersion", "Description", "Product", "Company",
        "OriginalFileName", "CommandLine", "CurrentDirectory", "User", "LogonGuid", "LogonId", "TerminalSessionId",
        "IntegrityLevel", "Hashes", "ParentProcessGuid", "ParentProcessId", "ParentImage", "ParentCommandLine", "ParentUser",
        "TargetFilename", "CreationUtcTime", "PreviousCreationUtcTime", "Protocol", "Initiated", "SourceIsIpv6", "SourceIp",
        "SourceHostname", "SourcePort", "SourcePortName", "DestinationIsIpv6", "DestinationIp", "DestinationHostname",
        "DestinationPort", "DestinationPortName", "ImageLoaded", "Signed", "Signature", "SignatureStatus", "SourceProcessGuid",
        "SourceProcessId", "SourceImage", "TargetProcessGuid", "TargetProcessId", "TargetImage", "NewThreadId",
        "StartAddress", "StartModule", "StartFunction", "GrantedAccess", "CallTrace", "EventType", "TargetObject", "Details",
        "NewName", "PipeName", "QueryName", "QueryStatus", "QueryResults", "Device", "State", "Archived", "Contents",
    ];

    public static readonly CaseTable Sysmon = new("Sysmon", r => r.IsSysmon,
    [
        new("TimeCreated", ColumnKind.Time, r => r.Event.TimeCreated),
        T("Computer", r => r.Event.Computer),
        L("EventID", r => (long)r.Event.EventId),
        .. SysmonFields.Select(name => T(name, r => r.P(name))),
        T("File", r => r.Event.Origin.File),
        L("RecordId", r => r.Event.RecordId),
    ]);

    public static readonly CaseTable Event = new("Event", r => true,
    [
        new("Timestamp", ColumnKind.Time, r => r.Event.TimeCreated),
        T("Computer", r => r.Event.Computer),
        T("Channel", r => r.Event.Channel),
        T("Provider", r => r.Event.Provider),
        L("EventID", r => (long)r.Event.EventId),
        L("Version", r => (long?)r.Event.Version),
        L("Level", r => (long?)r.Event.Level),
        L("Task", r => (long?)r.Event.Task),
        L("Opcode", r => (long?)r.Event.Opcode),
        T("Keywords", r => r.Event.Keywords ?? ""),
        T("UserId", r => r.Event.UserId ?? ""),
        L("ExecutionProcessId", r => (long?)r.Event.ProcessId),
        L("ExecutionThreadId", r => (long?)r.Event.ThreadId),
        T("File", r => r.Event.Origin.File),
        L("RecordId", r => r.Event.RecordId),
        new("FieldNames", ColumnKind.TextList, r => r.UniqueFields().Names),
        new("FieldValues", ColumnKind.TextList, r => r.UniqueFields().Values),
    ]);

    public static readonly IReadOnlyList<CaseTable> Tables =
        [DeviceProcessEvents, DeviceNetworkEvents, DeviceFileEvents, DeviceRegistryEvents, DeviceLogonEvents, DeviceEvents, SecurityEvent, Sysmon, Event];
}
