using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Tests.Noise;

/// <summary>Hand-built events for the noise tests (the shape readers produce: System fields typed, payload as fields).</summary>
internal static class TestEvents
{
    public static readonly DateTime T0 = new(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc);

    public static WinEvent Make(string channel, int eventId, string host, long record, DateTime time, params (string Name, string Value)[] fields)
    {
        var e = new WinEvent { Channel = channel, EventId = eventId, Computer = host, RecordId = record, TimeCreated = time, Origin = new EventOrigin("test.evtx", 0, 0) };
        foreach (var (name, value) in fields) e.Add(name, value);
        return e;
    }

    public static WinEvent ProcessStart(string host, string parent, string image, string commandLine, long record = 1, DateTime? time = null) =>
        Make(Channels.Sysmon, 1, host, record, time ?? T0.AddMinutes(record),
            ("ProcessId", (1000 + record).ToString()), ("Image", image), ("CommandLine", commandLine), ("ParentImage", parent), ("ParentProcessId", "500"));

    public static WinEvent Security4688(string host, string parent, string image, string commandLine, long record = 1) =>
        Make(Channels.Security, 4688, host, record, T0.AddMinutes(record),
            ("NewProcessId", "0x1a4"), ("NewProcessName", image), ("CommandLine", commandLine), ("ProcessId", "0x10"), ("ParentProcessName", parent));

    public static WinEvent ServiceInstall(string host, string name, string imagePath, long record = 1) =>
        Make(Channels.System, 7045, host, record, T0.AddMinutes(record), ("ServiceName", name), ("ImagePath", imagePath), ("ServiceType", "user mode service"));

    public static WinEvent Pipe(string host, string pipe, string image, long record = 1) =>
        Make(Channels.Sysmon, 17, host, record, T0.AddMinutes(record), ("EventType", "CreatePipe"), ("PipeName", pipe), ("Image", image));
}
