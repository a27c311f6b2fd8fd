using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Tests.Lineage;

/// <summary>Builds events in code for lineage and lateral tests (raw Windows field names).</summary>
internal static class Ev
{
    public static readonly DateTime T0 = new(2026, 3, 10, 10, 0, 0, DateTimeKind.Utc);
    private static long _record = 1000;

    public static WinEvent Make(string channel, int id, string host, double seconds, params (string Name, string Value)[] fields)
    {
        var e = new WinEvent
        {
            Channel = channel, EventId = id, Computer = host, TimeCreated = T0.AddSeconds(seconds),
            RecordId = Interlocked.Increment(ref _record), Origin = new EventOrigin("test.evtx", 0, 0),
        };
        foreach (var (n, v) in fields) e.Add(n, v);
        return e;
    }

    public static WinEvent Sysmon(int id, string host, double seconds, params (string, string)[] fields) => Make(Channels.Sysmon, id, host, seconds, fields);
    public static WinEvent Security(int id, string host, double seconds, params (string, string)[] fields) => Make(Channels.Security, id, host, seconds, fields);
    public static WinEvent System(int id, string host, double seconds, params (string, string)[] fields) => Make(Channels.System, id, host, seconds, fields);

    public static WinEvent SysmonStart(string host, double seconds, string guid, long pid, string image, string? cmd, string parentGuid, long ppid,
        string parentImage, string user = "CORP\\jdoe") =>
        Sysmon(1, host, seconds, ("ProcessGuid", guid), ("ProcessId", pid.ToString()), ("Image", image), ("CommandLine", cmd ?? image),
            ("User", user), ("LogonId", "0x2b1a7f"), ("ParentProcessGuid", parentGuid), ("ParentProcessId", ppid.ToString()),
            ("ParentImage", parentImage), ("ParentCommandLine", parentImage));

    public static WinEvent SecurityStart(string host, double seconds, long pid, string image, long ppid, string parentImage,
        string cmd = "", string subjectLogon = "0x3e7") =>
        Security(4688, host, seconds, ("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", "HOST$"), ("SubjectDomainName", "CORP"),
            ("SubjectLogonId", subjectLogon), ("NewProcessId", $"0x{pid:x}"), ("NewProcessName", image), ("ProcessId", $"0x{ppid:x}"),
            ("CommandLine", cmd), ("TargetLogonId", "0x0"), ("ParentProcessName", parentImage));

    public static WinEvent SecurityEnd(string host, double seconds, long pid, string image) =>
        Security(4689, host, seconds, ("ProcessId", $"0x{pid:x}"), ("ProcessName", image));
}
