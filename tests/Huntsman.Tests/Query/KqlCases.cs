using System.Text.Json;
using Huntsman.Events;
using static Huntsman.Tests.Query.Expect;

namespace Huntsman.Tests.Query;

/// <summary>KQL queries with their answers computed in LINQ; they hold on any evidence.</summary>
internal static class KqlCases
{
    private static readonly StringComparer Ci = StringComparer.OrdinalIgnoreCase;

    private static IEnumerable<object?[]> Count(int n) => [Row((long)n)];

    private static IEnumerable<(WinEvent E, string Ip, string Local, string Initiated, long? RemotePort, string Guid)> Network(IEnumerable<WinEvent> events) =>
        events.Where(e => IsSysmon(e) && e.EventId == 3).Select(e =>
        {
            bool initiated = !string.Equals(e.GetPayload("Initiated"), "false", StringComparison.OrdinalIgnoreCase);
            return (e, (initiated ? e.GetPayload("DestinationIp") : e.GetPayload("SourceIp")) ?? "",
                (initiated ? e.GetPayload("SourceIp") : e.GetPayload("DestinationIp")) ?? "", e.GetPayload("Initiated") ?? "",
                Id(initiated ? e.GetPayload("DestinationPort") : e.GetPayload("SourcePort")), e.GetPayload("ProcessGuid") ?? "");
        });

    private static IEnumerable<WinEvent> Logons(IEnumerable<WinEvent> events) => events.Where(e => IsSecurity(e) && e.EventId is 4624 or 4625 or 4648);

    public static readonly QueryCase[] All =
    [
        new("verbatim rundll32 hunt", "DeviceProcessEvents\n| where FileName =~ \"rundll32.exe\"\n| project Timestamp, DeviceName, InitiatingProcessCommandLine",
            ev => Processes(ev).Where(p => Ci.Equals(Base(p.Image), "rundll32.exe")).Select(p => Row(p.Time, p.Host, p.ParentCommandLine ?? ""))),
        new("== is case-sensitive", "DeviceProcessEvents | where FileName == \"rundll32.exe\" | project DeviceName, ProcessId",
            ev => Processes(ev).Where(p => Base(p.Image) == "rundll32.exe").Select(p => Row(p.Host, p.ProcessId))),
        new("!= count", "DeviceProcessEvents | where FileName != \"rundll32.exe\" | count",
            ev => Count(Processes(ev).Count(p => Base(p.Image) != "rundll32.exe"))),
        new("!~ count", "DeviceProcessEvents | where FileName !~ \"rundll32.exe\" | count",
            ev => Count(Processes(ev).Count(p => !Ci.Equals(Base(p.Image), "rundll32.exe")))),
        new("has term", "DeviceProcessEvents | where ProcessCommandLine has \"rundll32\" | project ProcessId, DeviceName",
            ev => Processes(ev).Where(p => Has(p.CommandLine, "rundll32")).Select(p => Row(p.ProcessId, p.Host))),
        new("has with punctuation", "DeviceProcessEvents | where ProcessCommandLine has \"rundll32.exe\" | count",
            ev => Count(Processes(ev).Count(p => Has(p.CommandLine, "rundll32.exe")))),
        new("!has", "DeviceProcessEvents | where ProcessCommandLine !has \"cmd\" | count",
            ev => Count(Processes(ev).Count(p => !Has(p.CommandLine, "cmd")))),
        new("has_cs", "DeviceProcessEvents | where ProcessCommandLine has_cs \"RUNDLL32\" | project ProcessId",
            ev => Processes(ev).Where(p => Has(p.CommandLine, "RUNDLL32", caseSensitive: true)).Select(p => Row(p.ProcessId))),
        new("has_any", "DeviceProcessEvents | where ProcessCommandLine has_any (\"whoami\", \"net\", \"-enc\") | project ProcessId",
            ev => Processes(ev).Where(p => Has(p.CommandLine, "whoami") || Has(p.CommandLine, "net") || Has(p.CommandLine, "-enc")).Select(p => Row(p.ProcessId))),
        new("contains is case-insensitive", "DeviceProcessEvents | where ProcessCommandLine contains \"RUNDLL\" | project ProcessId",
            ev => Processes(ev).Where(p => (p.CommandLine ?? "").Contains("RUNDLL", StringComparison.OrdinalIgnoreCase)).Select(p => Row(p.ProcessId))),
        new("contains_cs", "DeviceProcessEvents | where ProcessCommandLine contains_cs \"RUNDLL\" | project ProcessId",
            ev => Processes(ev).Where(p => (p.CommandLine ?? "").Contains("RUNDLL", StringComparison.Ordinal)).Select(p => Row(p.ProcessId))),
        new("!contains", "DeviceProcessEvents | where ProcessCommandLine !contains \"cmd\" | count",
            ev => Count(Processes(ev).Count(p => !(p.CommandLine ?? "").Contains("cmd", StringComparison.OrdinalIgnoreCase)))),
        new("startswith with escaped backslashes", "DeviceProcessEvents | where FolderPath startswith \"c:\\\\windows\\\\system32\\\\\" | count",
            ev => Count(Processes(ev).Count(p => p.Image.StartsWith(@"c:\windows\system32\", StringComparison.OrdinalIgnoreCase)))),
        new("endswith", "DeviceProcessEvents | where FolderPath endswith \".EXE\" | count",
            ev => Count(Processes(ev).Count(p => p.Image.EndsWith(".EXE", StringComparison.OrdinalIgnoreCase)))),
        new("endswith_cs", "DeviceProcessEvents | where FolderPath endswith_cs \".EXE\" | count",
            ev => Count(Processes(ev).Count(p => p.Image.EndsWith(".EXE", StringComparison.Ordinal)))),
        new("matches regex", "DeviceProcessEvents | where FolderPath matches regex @\"\\\\(cmd|powershell)\\.exe$\" | project ProcessId",
            ev => Processes(ev).Where(p => System.Text.RegularExpressions.Regex.IsMatch(p.Image, @"\\(cmd|powershell)\.exe$")).Select(p => Row(p.ProcessId))),
        new("in", "DeviceProcessEvents | where FileName in (\"cmd.exe\", \"powershell.exe\") | project ProcessId",
            ev => Processes(ev).Where(p => Base(p.Image) is "cmd.exe" or "powershell.exe").Select(p => Row(p.ProcessId))),
        new("!in", "DeviceProcessEvents | where FileName !in (\"cmd.exe\") | count",
            ev => Count(Processes(ev).Count(p => Base(p.Image) != "cmd.exe"))),
        new("in~", "DeviceProcessEvents | where FileName in~ (\"CMD.EXE\", \"RUNDLL32.EXE\") | project ProcessId",
            ev => Processes(ev).Where(p => Ci.Equals(Base(p.Image), "cmd.exe") || Ci.Equals(Base(p.Image), "rundll32.exe")).Select(p => Row(p.ProcessId))),
        new("between datetimes", "DeviceProcessEvents | where Timestamp between (datetime(2024-03-01 10:30) .. datetime(2024-03-01 12:00)) | count",
            ev => Count(Processes(ev).Count(p => p.Time >= new DateTime(2024, 3, 1, 10, 30, 0) && p.Time <= new DateTime(2024, 3, 1, 12, 0, 0)))),
        new("between datetime and timespan", "DeviceProcessEvents | where Timestamp between (datetime(2024-03-01 10:30) .. 1h) | count",
            ev => Count(Processes(ev).Count(p => p.Time >= new DateTime(2024, 3, 1, 10, 30, 0) && p.Time <= new DateTime(2024, 3, 1, 11, 30, 0)))),
        new("and/or/not", "DeviceProcessEvents | where (FileName =~ \"cmd.exe\" or FileName =~ \"powershell.exe\") and not(AccountName == \"alice\") | project ProcessId",
            ev => Processes(ev).Where(p => (Ci.Equals(Base(p.Image), "cmd.exe") || Ci.Equals(Base(p.Image), "powershell.exe"))
                && !(p.User ?? "").EndsWith("\\alice", StringComparison.Ordinal) && p.User != "alice").Select(p => Row(p.ProcessId))),
        new("isempty", "DeviceProcessEvents | where isempty(InitiatingProcessCommandLine) | count",
            ev => Count(Processes(ev).Count(p => string.IsNullOrEmpty(p.ParentCommandLine)))),
        new("isnotempty", "DeviceProcessEvents | where isnotempty(InitiatingProcessCommandLine) | count",
            ev => Count(Processes(ev).Count(p => !string.IsNullOrEmpty(p.ParentCommandLine)))),
        new("extend tolower then filter", "DeviceProcessEvents | extend Lower = tolower(FileName) | where Lower == \"rundll32.exe\" | project Lower, ProcessId",
            ev => Processes(ev).Where(p => Base(p.Image).ToLowerInvariant() == "rundll32.exe").Select(p => Row("rundll32.exe", p.ProcessId))),
        new("strcat toupper", "DeviceProcessEvents | extend X = strcat(toupper(FileName), \"@\", DeviceName) | project X",
            ev => Processes(ev).Select(p => Row(Base(p.Image).ToUpperInvariant() + "@" + p.Host))),
        new("split and index", "DeviceProcessEvents | extend Dir = tostring(split(FolderPath, \"\\\\\")[1]) | summarize count() by Dir",
            ev => Processes(ev).GroupBy(p => p.Image.Split('\\') is { Length: > 1 } parts ? parts[1] : null)
                .Select(g => Row(g.Key, (long)g.Count()))),
        new("extract", "DeviceProcessEvents | extend Dll = extract(@\"(\\w+)\\.dll\", 1, ProcessCommandLine) | where isnotempty(Dll) | project Dll",
            ev => Processes(ev).Select(p => System.Text.RegularExpressions.Regex.Match(p.CommandLine ?? "", @"(\w+)\.dll"))
                .Where(m => m.Success).Select(m => Row(m.Groups[1].Value))),
        new("parse_json member", "SecurityEvent | extend D = parse_json(EventData) | where tostring(D.IpAddress) == \"10.0.0.1\" | project RecordId",
            ev => ev.Where(e => IsSecurity(e) && e.GetPayload("IpAddress") == "10.0.0.1").Select(e => Row(e.RecordId))),
        new("Event Fields member", "Event | where tostring(Fields.TargetUserName) == \"Administrator\" | project RecordId",
            ev => ev.Where(e => e.GetPayload("TargetUserName") == "Administrator").Select(e => Row(e.RecordId))),
        new("tolong and numeric compare", "SecurityEvent | where EventID == 4624 | extend P = tolong(IpPort) | where P > 49010 | project P",
            ev => ev.Where(e => IsSecurity(e) && e.EventId == 4624 && Id(e.GetPayload("IpPort")) > 49010).Select(e => Row(Id(e.GetPayload("IpPort"))))),
        new("summarize count by two keys", "DeviceProcessEvents | summarize count() by DeviceName, FileName",
            ev => Processes(ev).GroupBy(p => (p.Host, Base(p.Image))).Select(g => Row(g.Key.Host, g.Key.Item2, (long)g.Count()))),
        new("summarize several aggregates", "DeviceProcessEvents | summarize n = count(), hosts = dcount(DeviceName), first = min(Timestamp), last = max(Timestamp), s = sum(ProcessId), a = avg(ProcessId) by FileName",
            ev => Processes(ev).GroupBy(p => Base(p.Image)).Select(g => Row(g.Key, (long)g.Count(), (long)g.Select(p => p.Host).Distinct().Count(),
                g.Min(p => p.Time), g.Max(p => p.Time), g.Sum(p => p.ProcessId), g.Average(p => (double)p.ProcessId)))),
        new("countif", "DeviceProcessEvents | summarize c = countif(ProcessIntegrityLevel == \"High\") by DeviceName",
            ev => Processes(ev).GroupBy(p => p.Host).Select(g => Row(g.Key, (long)g.Count(p => p.IntegrityLevel == "High")))),
        new("make_set", "DeviceProcessEvents | summarize Hosts = make_set(DeviceName) by FileName",
            ev => Processes(ev).GroupBy(p => Base(p.Image)).Select(g => Row(g.Key, JsonSerializer.Serialize(g.Select(p => p.Host).Distinct().Order(StringComparer.Ordinal))))),
        new("arg_max", "DeviceProcessEvents | where DeviceName != \"\" | summarize arg_max(Timestamp, ProcessId) by DeviceName",
            ev => Processes(ev).Where(p => p.Host != "").GroupBy(p => p.Host).Select(g =>
            {
                var max = g.Max(p => p.Time);
                var candidates = g.Where(p => p.Time == max).Select(p => p.ProcessId).Distinct().ToList();
                // ties: any of the tied rows is valid; the test data keeps one per host
                return Row(g.Key, max, candidates.Count == 1 ? candidates[0] : (object?)"tie");
            })),
        new("bin 1h", "DeviceProcessEvents | summarize count() by bin(Timestamp, 1h)",
            ev => Processes(ev).GroupBy(p => Bin(p.Time, TimeSpan.FromHours(1))).Select(g => Row(g.Key, (long)g.Count()))),
        new("bin 30m with key", "DeviceProcessEvents | summarize n = count() by DeviceName, bin(Timestamp, 30m)",
            ev => Processes(ev).GroupBy(p => (p.Host, Bin(p.Time, TimeSpan.FromMinutes(30)))).Select(g => Row(g.Key.Host, g.Key.Item2, (long)g.Count()))),
        new("sort asc", "DeviceProcessEvents | project ProcessId, RecordId | sort by ProcessId asc, RecordId asc",
            ev => Processes(ev).OrderBy(p => p.ProcessId).ThenBy(p => p.Event.RecordId).Select(p => Row(p.ProcessId, p.Event.RecordId)), Ordered: true),
        new("top by time", "DeviceProcessEvents | top 5 by Timestamp desc | project Timestamp",
            ev => Processes(ev).OrderByDescending(p => p.Time).Take(5).Select(p => Row(p.Time)), Ordered: true),
        new("take is deterministic", "DeviceProcessEvents | take 5 | project RecordId",
            ev => Processes(ev).OrderBy(p => p.Time).ThenBy(p => p.Event.Origin.File, StringComparer.Ordinal).ThenBy(p => p.Event.RecordId).Take(5).Select(p => Row(p.Event.RecordId)), Ordered: true),
        new("distinct", "DeviceProcessEvents | distinct DeviceName, FileName",
            ev => Processes(ev).Select(p => (p.Host, Base(p.Image))).Distinct().Select(x => Row(x.Host, x.Item2))),
        new("count operator", "DeviceLogonEvents | where ActionType == \"LogonFailed\" | count",
            ev => Count(Logons(ev).Count(e => e.EventId == 4625))),
        new("project-rename", "DeviceProcessEvents | project-rename Host = DeviceName | project Host, ProcessId",
            ev => Processes(ev).Select(p => Row(p.Host, p.ProcessId))),
        new("project-away", "DeviceFileEvents | project-away SHA1, SHA256, MD5, InitiatingProcessAccountDomain | project FileName, RecordId",
            ev => ev.Where(e => IsSysmon(e) && e.EventId is 2 or 11 or 15 or 23 or 26).Select(e => Row(Base(e.GetPayload("TargetFilename")), e.RecordId))),
        new("iff", "DeviceProcessEvents | extend Sev = iff(ProcessIntegrityLevel == \"High\", \"high\", \"normal\") | summarize count() by Sev",
            ev => Processes(ev).GroupBy(p => p.IntegrityLevel == "High" ? "high" : "normal").Select(g => Row(g.Key, (long)g.Count()))),
        new("case", "DeviceProcessEvents | extend Kind = case(FileName =~ \"cmd.exe\", \"shell\", FileName =~ \"powershell.exe\", \"ps\", \"other\") | summarize count() by Kind",
            ev => Processes(ev).GroupBy(p => Ci.Equals(Base(p.Image), "cmd.exe") ? "shell" : Ci.Equals(Base(p.Image), "powershell.exe") ? "ps" : "other")
                .Select(g => Row(g.Key, (long)g.Count()))),
        new("let scalar", "let target = \"cmd.exe\";\nDeviceProcessEvents | where FileName =~ target | count",
            ev => Count(Processes(ev).Count(p => Ci.Equals(Base(p.Image), "cmd.exe")))),
        new("let tabular", "let shells = DeviceProcessEvents | where FileName in~ (\"cmd.exe\", \"powershell.exe\");\nshells | summarize count() by DeviceName",
            ev => Processes(ev).Where(p => Ci.Equals(Base(p.Image), "cmd.exe") || Ci.Equals(Base(p.Image), "powershell.exe"))
                .GroupBy(p => p.Host).Select(g => Row(g.Key, (long)g.Count()))),
        new("join inner on $left/$right", "DeviceProcessEvents | join kind=inner (DeviceNetworkEvents) on $left.ProcessUniqueId == $right.InitiatingProcessUniqueId | project ProcessId, RemoteIP",
            ev => Processes(ev).Where(p => p.ProcessGuid is { Length: > 0 }).Join(Network(ev), p => p.ProcessGuid, n => n.Guid, (p, n) => Row(p.ProcessId, n.Ip))),
        new("join leftouter", "DeviceProcessEvents | where DeviceName == \"WS01.corp.local\" | join kind=leftouter (DeviceNetworkEvents | project InitiatingProcessUniqueId, RemotePort) on $left.ProcessUniqueId == $right.InitiatingProcessUniqueId | project ProcessId, RemotePort",
            ev => Processes(ev).Where(p => p.Host == "WS01.corp.local").GroupJoin(Network(ev), p => p.ProcessGuid ?? "", n => n.Guid, (p, ns) => (p, ns))
                .SelectMany(x => x.ns.Any() ? x.ns.Select(n => Row(x.p.ProcessId, n.RemotePort)) : [Row(x.p.ProcessId, null)])),
        new("join leftanti", "DeviceProcessEvents | join kind=leftanti (DeviceNetworkEvents) on $left.ProcessUniqueId == $right.InitiatingProcessUniqueId | count",
            ev => Count(Processes(ev).Count(p => !Network(ev).Any(n => n.Guid == (p.ProcessGuid ?? ""))))),
        new("join leftsemi", "DeviceProcessEvents | join kind=leftsemi (DeviceNetworkEvents) on $left.ProcessUniqueId == $right.InitiatingProcessUniqueId | project RecordId",
            ev => Processes(ev).Where(p => Network(ev).Any(n => n.Guid == (p.ProcessGuid ?? ""))).Select(p => Row(p.Event.RecordId))),
        new("join on same column name", "DeviceLogonEvents | join kind=inner (DeviceLogonEvents | where ActionType == \"LogonFailed\" | project AccountName, FailedAt = Timestamp) on AccountName | summarize count() by AccountName",
            ev => Logons(ev).Join(Logons(ev).Where(e => e.EventId == 4625), e => e.GetPayload("TargetUserName") ?? "", f => f.GetPayload("TargetUserName") ?? "", (e, f) => e.GetPayload("TargetUserName") ?? "")
                .GroupBy(x => x).Select(g => Row(g.Key, (long)g.Count()))),
        new("union source", "union DeviceNetworkEvents, DeviceFileEvents | summarize count() by ActionType",
            ev => ev.Where(e => IsSysmon(e) && e.EventId is 3 or 2 or 11 or 15 or 23 or 26)
                .GroupBy(e => e.EventId switch { 3 => "ConnectionSuccess", 2 => "FileCreationTimeChanged", 11 => "FileCreated", 15 => "FileStreamCreated", _ => "FileDeleted" })
                .Select(g => Row(g.Key, (long)g.Count()))),
        new("union operator", "DeviceRegistryEvents | union (DeviceEvents | where ActionType == \"ImageLoaded\") | count",
            ev => Count(ev.Count(e => IsSysmon(e) && e.EventId is 12 or 13 or 14 or 7))),
        new("ago", "DeviceProcessEvents | where Timestamp > ago(1d) | count",
            ev => Count(Processes(ev).Count(p => p.Time > DateTime.UtcNow.AddDays(-1)))),
        new("datetime literal compare", "DeviceProcessEvents | where Timestamp > datetime(2024-03-01 12:00) | count",
            ev => Count(Processes(ev).Count(p => p.Time > new DateTime(2024, 3, 1, 12, 0, 0)))),
        new("timespan arithmetic", "DeviceProcessEvents | extend Age = Timestamp - datetime(2024-03-01) | where Age < 2h | count",
            ev => Count(Processes(ev).Count(p => p.Time - new DateTime(2024, 3, 1) < TimeSpan.FromHours(2)))),
        new("registry value names", "DeviceRegistryEvents | where RegistryValueName startswith \"Updater\" | summarize count() by RegistryValueName",
            ev => ev.Where(e => IsSysmon(e) && e.EventId == 13).Select(e => Base(e.GetPayload("TargetObject")))
                .Where(n => n.StartsWith("Updater", StringComparison.OrdinalIgnoreCase)).GroupBy(n => n).Select(g => Row(g.Key, (long)g.Count()))),
        new("file events dcount", "DeviceFileEvents | where FileName endswith \".dll\" | summarize dcount(DeviceName)",
            ev => [Row((long)ev.Where(e => IsSysmon(e) && e.EventId is 11 && (e.GetPayload("TargetFilename") ?? "").EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                .Select(e => e.Computer).Distinct().Count())]),
        new("SecurityEvent by computer", "SecurityEvent | where EventID == 4688 | summarize count() by Computer",
            ev => ev.Where(e => IsSecurity(e) && e.EventId == 4688).GroupBy(e => e.Computer).Select(g => Row(g.Key, (long)g.Count()))),
        new("Sysmon table", "Sysmon | where EventID == 7 and Signed == \"false\" | project ImageLoaded, RecordId",
            ev => ev.Where(e => IsSysmon(e) && e.EventId == 7 && e.GetPayload("Signed") == "false").Select(e => Row(e.GetPayload("ImageLoaded"), e.RecordId))),
        new("logon types", "DeviceLogonEvents | where LogonType == \"RemoteInteractive\" | summarize count() by AccountName",
            ev => Logons(ev).Where(e => e.GetPayload("LogonType") == "10").GroupBy(e => e.GetPayload("TargetUserName") ?? "").Select(g => Row(g.Key, (long)g.Count()))),
        new("network local/remote", "DeviceNetworkEvents | project RemoteIP, LocalIP, Initiated, RemotePort",
            ev => Network(ev).Select(n => Row(n.Ip, n.Local, n.Initiated, n.RemotePort))),
        new("hash columns", "DeviceProcessEvents | where isnotempty(SHA256) | project SHA256, MD5",
            ev => Processes(ev).Select(p => Hashes(p.Event.GetPayload("Hashes"))).Where(h => h.TryGetValue("SHA256", out var s) && s != "")
                .Select(h => Row(h["SHA256"], h.GetValueOrDefault("MD5", "")))),
    ];

    private static Dictionary<string, string> Hashes(string? text) =>
        (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
}
