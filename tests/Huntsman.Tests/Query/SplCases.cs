using System.Text.Json;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using static Huntsman.Tests.Query.Expect;

namespace Huntsman.Tests.Query;

/// <summary>SPL queries with their answers computed in LINQ over the events (Splunk semantics as documented).</summary>
internal static class SplCases
{
    private static readonly StringComparer Ci = StringComparer.OrdinalIgnoreCase;

    private static string? F(WinEvent e, string name) => e.GetPayload(name);

    private static IEnumerable<WinEvent> Sysmon(IEnumerable<WinEvent> ev) => ev.Where(IsSysmon);
    private static IEnumerable<WinEvent> Windows(IEnumerable<WinEvent> ev) => ev.Where(e => !IsSysmon(e) && !Channels.IsDefender(e));

    /// <summary>Splunk's stats drops events that lack a by-field and sorts groups by the by-fields.</summary>
    private static IEnumerable<object?[]> CountBy(IEnumerable<WinEvent> events, Func<WinEvent, string?> key) =>
        events.Select(key).Where(k => k is not null).GroupBy(k => k!, StringComparer.Ordinal).Select(g => Row(g.Key, (long)g.Count()));

    /// <summary>Events in Splunk's order: newest first (then file, record descending).</summary>
    private static IEnumerable<WinEvent> Newest(IEnumerable<WinEvent> events) =>
        events.OrderByDescending(e => e.TimeCreated).ThenBy(e => e.Origin.File, StringComparer.Ordinal).ThenByDescending(e => e.RecordId);

    private static bool FreeText(WinEvent e, string needle) =>
        e.Fields.Any(f => f.Value.Contains(needle, StringComparison.OrdinalIgnoreCase))
        || e.Computer.Contains(needle, StringComparison.OrdinalIgnoreCase) || e.Channel.Contains(needle, StringComparison.OrdinalIgnoreCase)
        || e.Provider.Contains(needle, StringComparison.OrdinalIgnoreCase) || e.EventId.ToString().Contains(needle, StringComparison.Ordinal);

    private static double? Num(string? s) => double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;

    public static readonly QueryCase[] All =
    [
        new("verbatim rundll32 hunt", "index=sysmon Image=\"*rundll32.exe\"\n| stats count by Computer, CommandLine",
            ev => Sysmon(ev).Where(e => (F(e, "Image") ?? "").EndsWith("rundll32.exe", StringComparison.OrdinalIgnoreCase) && F(e, "CommandLine") is not null)
                .GroupBy(e => (e.Computer, F(e, "CommandLine")!)).Select(g => Row(g.Key.Computer, g.Key.Item2, (long)g.Count()))),
        new("EventCode by Image", "index=sysmon EventCode=1 | stats count by Image",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1), e => F(e, "Image"))),
        new("wineventlog logons", "index=wineventlog EventCode=4624 | stats count by TargetUserName",
            ev => CountBy(Windows(ev).Where(e => e.EventId == 4624), e => F(e, "TargetUserName"))),
        new("sourcetype Xml prefix", "sourcetype=\"XmlWinEventLog:Security\" EventCode=4625 | stats count by IpAddress",
            ev => CountBy(ev.Where(e => IsSecurity(e) && e.EventId == 4625), e => F(e, "IpAddress"))),
        new("sourcetype plain prefix", "sourcetype=WinEventLog:Security EventCode=4688 | stats count by NewProcessName",
            ev => CountBy(ev.Where(e => IsSecurity(e) && e.EventId == 4688), e => F(e, "NewProcessName"))),
        new("free text", "index=sysmon whoami | stats count by Computer",
            ev => CountBy(Sysmon(ev).Where(e => FreeText(e, "whoami")), e => e.Computer)),
        new("quoted wildcard free text", "index=sysmon \"*evil.dll*\" | stats count by EventCode",
            ev => Sysmon(ev).Where(e => FreeText(e, "evil.dll")).GroupBy(e => e.EventId).OrderBy(g => g.Key).Select(g => Row((long)g.Key, (long)g.Count()))),
        new("NOT", "index=sysmon EventCode=1 NOT Image=\"*rundll32.exe\" | stats count by Computer",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1 && !(F(e, "Image") ?? "").EndsWith("rundll32.exe", StringComparison.OrdinalIgnoreCase)), e => e.Computer)),
        new("OR in parentheses", "index=sysmon (EventCode=3 OR EventCode=11) | stats count by EventCode",
            ev => Sysmon(ev).Where(e => e.EventId is 3 or 11).GroupBy(e => e.EventId).Select(g => Row((long)g.Key, (long)g.Count()))),
        new("field!=value", "index=wineventlog EventCode=4624 AuthenticationPackageName!=NTLM | stats count",
            ev => [Row((long)Windows(ev).Count(e => e.EventId == 4624 && F(e, "AuthenticationPackageName") is { } a && !Ci.Equals(a, "NTLM")))]),
        new("case-insensitive values", "index=SYSMON Image=\"*\\\\RUNDLL32.EXE\" | stats count",
            ev => [Row((long)Sysmon(ev).Count(e => (F(e, "Image") ?? "").EndsWith(@"\rundll32.exe", StringComparison.OrdinalIgnoreCase)))]),
        new("where like", "index=sysmon EventCode=1 | where like(CommandLine, \"%whoami%\") | stats count by Computer",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1 && (F(e, "CommandLine") ?? "").Contains("whoami", StringComparison.Ordinal)), e => e.Computer)),
        new("where match", "index=sysmon EventCode=1 | where match(CommandLine, \"(?i)^cmd\") | stats count",
            ev => [Row((long)Sysmon(ev).Count(e => e.EventId == 1 && (F(e, "CommandLine") ?? "").StartsWith("cmd", StringComparison.OrdinalIgnoreCase)))]),
        new("stats several", "index=sysmon EventCode=1 | stats count, dc(Computer) as hosts, values(Computer) as hostlist by Image",
            ev => Sysmon(ev).Where(e => e.EventId == 1 && F(e, "Image") is not null).GroupBy(e => F(e, "Image")!, StringComparer.Ordinal)
                .Select(g => Row(g.Key, (long)g.Count(), (long)g.Select(e => e.Computer).Distinct().Count(),
                    JsonSerializer.Serialize(g.Select(e => e.Computer).Distinct().Order(StringComparer.Ordinal))))),
        new("numeric stats", "index=sysmon EventCode=1 | stats min(ProcessId) as lo, max(ProcessId) as hi, avg(ProcessId), sum(ProcessId) by Computer",
            ev => Sysmon(ev).Where(e => e.EventId == 1).GroupBy(e => e.Computer).Select(g => Row(g.Key,
                g.Min(e => Num(F(e, "ProcessId"))), g.Max(e => Num(F(e, "ProcessId"))), g.Average(e => Num(F(e, "ProcessId"))), g.Sum(e => Num(F(e, "ProcessId")))))),
        new("eval lower and where ==", "index=sysmon EventCode=1 | eval lc=lower(Image) | where lc==\"c:\\\\windows\\\\system32\\\\cmd.exe\" | stats count by lc",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1 && (F(e, "Image") ?? "").ToLowerInvariant() == @"c:\windows\system32\cmd.exe"), e => F(e, "Image")!.ToLowerInvariant())),
        new("eval len and numeric where", "index=sysmon EventCode=1 | eval n=len(CommandLine) | where n > 20 | table RecordId, n",
            ev => Sysmon(ev).Where(e => e.EventId == 1 && (F(e, "CommandLine") ?? "").Length > 20).Select(e => Row(e.RecordId, (long)F(e, "CommandLine")!.Length))),
        new("rename", "index=sysmon EventCode=1 | rename Computer as host2 | stats count by host2",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1), e => e.Computer)),
        new("sort and head", "index=sysmon EventCode=1 | sort -ProcessId | head 5 | table ProcessId",
            ev => Sysmon(ev).Where(e => e.EventId == 1).OrderByDescending(e => Num(F(e, "ProcessId"))).Take(5).Select(e => Row(F(e, "ProcessId"))), Ordered: true),
        new("dedup keeps newest", "index=sysmon EventCode=1 | dedup Computer | table Computer, RecordId",
            ev => Newest(Sysmon(ev).Where(e => e.EventId == 1)).GroupBy(e => e.Computer).Select(g => Row(g.Key, g.First().RecordId))),
        new("rex named group", "index=sysmon EventCode=1 | rex field=CommandLine \"(?<lib>\\w+)\\.dll\" | where isnotnull(lib) | stats count by lib",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1), e => System.Text.RegularExpressions.Regex.Match(F(e, "CommandLine") ?? "", @"(\w+)\.dll") is { Success: true } m ? m.Groups[1].Value : null)),
        new("head is newest first", "index=sysmon EventCode=1 | head 3 | table Computer, RecordId",
            ev => Newest(Sysmon(ev).Where(e => e.EventId == 1)).Take(3).Select(e => Row(e.Computer, e.RecordId)), Ordered: true),
        new("eval if", "index=sysmon EventCode=1 | eval x=if(IntegrityLevel==\"High\", \"hi\", \"lo\") | stats count by x",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1), e => F(e, "IntegrityLevel") == "High" ? "hi" : "lo")),
        new("eval substr", "index=sysmon EventCode=1 | eval s=substr(Image, 1, 3) | stats count by s",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 1 && F(e, "Image") is not null), e => F(e, "Image")![..Math.Min(3, F(e, "Image")!.Length)])),
        new("numeric comparison in search", "EventCode>4000 | stats count by EventCode",
            ev => ev.Where(e => e.EventId > 4000).GroupBy(e => e.EventId).OrderBy(g => g.Key).Select(g => Row((long)g.Key, (long)g.Count()))),
        new("index=* with prefix wildcard", "index=* ServiceName=PSEXE* | table ServiceName, Computer",
            ev => Newest(ev.Where(e => (F(e, "ServiceName") ?? "").StartsWith("PSEXE", StringComparison.OrdinalIgnoreCase))).Select(e => Row(F(e, "ServiceName"), e.Computer))),
        new("stats then sort by count", "index=sysmon | stats count by EventCode | sort -count",
            ev => Sysmon(ev).GroupBy(e => e.EventId).OrderBy(g => g.Key).OrderByDescending(g => g.Count()).Select(g => Row((long)g.Key, (long)g.Count())), Ordered: true),
        new("fields minus", "index=sysmon EventCode=3 | fields - _time | table DestinationPort, RecordId",
            ev => Sysmon(ev).Where(e => e.EventId == 3).Select(e => Row(F(e, "DestinationPort"), e.RecordId))),
        new("search command", "index=sysmon EventCode=11 | search TargetFilename=\"*.ps1\" | stats count by Computer",
            ev => CountBy(Sysmon(ev).Where(e => e.EventId == 11 && (F(e, "TargetFilename") ?? "").EndsWith(".ps1", StringComparison.OrdinalIgnoreCase)), e => e.Computer)),
    ];
}
