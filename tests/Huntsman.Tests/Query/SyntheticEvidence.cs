using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Tests.Query;

/// <summary>
/// A small, varied set of events built in code (Sysmon 1/3/7/11/13, Security 4688/4624/4625, System 7045),
/// with case variants and term boundaries that the query semantics must tell apart.
/// </summary>
internal static class SyntheticEvidence
{
    private static readonly DateTime Start = new(2024, 3, 1, 10, 0, 0, DateTimeKind.Utc);

    public static List<WinEvent> Build()
    {
        var events = new List<WinEvent>();
        long record = 1;
        WinEvent New(string channel, int id, string host, int minutes, params (string, string)[] fields)
        {
            var e = new WinEvent
            {
                Channel = channel, EventId = id, Computer = host, TimeCreated = Start.AddMinutes(minutes), RecordId = record,
                Provider = channel == Channels.Sysmon ? "Microsoft-Windows-Sysmon" : "Microsoft-Windows-Security-Auditing",
                Origin = new EventOrigin("/evidence/synthetic.evtx", 0, record * 16),
            };
            record++;
            foreach (var (n, v) in fields) e.Add(n, v);
            events.Add(e);
            return e;
        }

        string[] hosts = ["WS01.corp.local", "WS02.corp.local", "DC01.corp.local"];
        string[] images =
        [
            @"C:\Windows\System32\rundll32.exe", @"C:\Windows\SysWOW64\RUNDLL32.EXE", @"C:\Windows\System32\cmd.exe",
            @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Tools\myrundll32.exe.bak", @"C:\Windows\explorer.exe",
        ];
        string[] commandLines =
        [
            "rundll32.exe C:\\Users\\Public\\evil.dll,Start", "RUNDLL32.EXE shell32.dll,Control_RunDLL", "cmd.exe /c whoami",
            "powershell.exe -enc SQBFAFgA", "myrundll32 --help", "explorer.exe", "cmd.exe /c net user admin P@ss /add",
        ];
        for (int i = 0; i < 60; i++)
        {
            var image = images[i % images.Length];
            var parent = images[(i + 2) % images.Length];
            New(Channels.Sysmon, 1, hosts[i % hosts.Length], i * 7,
                ("RuleName", "-"), ("UtcTime", Start.AddMinutes(i * 7).ToString("yyyy-MM-dd HH:mm:ss.fff")),
                ("ProcessGuid", $"{{0000-{i:D4}}}"), ("ProcessId", (1000 + i).ToString()), ("Image", image),
                ("OriginalFileName", Path.GetFileName(image.Replace('\\', '/'))),
                ("CommandLine", commandLines[i % commandLines.Length]), ("CurrentDirectory", @"C:\Windows\system32\"),
                ("User", i % 4 == 0 ? @"CORP\alice" : @"NT AUTHORITY\SYSTEM"), ("LogonId", $"0x{0x3e7 + i % 3:x}"),
                ("IntegrityLevel", i % 5 == 0 ? "High" : "Medium"),
                ("Hashes", $"SHA1=A{i:D3},MD5=B{i:D3},SHA256=C{i:D3},IMPHASH=D{i:D3}"),
                ("ParentProcessGuid", $"{{0000-{(i + 99):D4}}}"), ("ParentProcessId", (900 + i % 9).ToString()),
                ("ParentImage", parent), ("ParentCommandLine", commandLines[(i + 3) % commandLines.Length]));
        }
        for (int i = 0; i < 20; i++)
        {
            New(Channels.Security, 4688, hosts[(i + 1) % hosts.Length], i * 11 + 3,
                ("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", "WS01$"), ("SubjectDomainName", "CORP"), ("SubjectLogonId", "0x3e7"),
                ("NewProcessId", $"0x{0x500 + i:x}"), ("NewProcessName", i % 3 == 0 ? @"C:\Windows\System32\rundll32.exe" : @"C:\Windows\System32\svchost.exe"),
                ("TokenElevationType", "%%1936"), ("ProcessId", "0x2a0"), ("CommandLine", i % 3 == 0 ? "rundll32 advpack.dll,LaunchINFSection" : "svchost -k netsvcs"),
                ("TargetUserSid", "S-1-0-0"), ("TargetUserName", "-"), ("TargetDomainName", "-"), ("TargetLogonId", "0x0"),
                ("ParentProcessName", @"C:\Windows\System32\services.exe"), ("MandatoryLabel", "S-1-16-16384"));
        }
        for (int i = 0; i < 24; i++)
        {
            New(Channels.Security, i % 4 == 3 ? 4625 : 4624, hosts[i % hosts.Length], i * 13 + 1,
                ("SubjectUserSid", "S-1-5-18"), ("SubjectUserName", "DC01$"), ("SubjectDomainName", "CORP"), ("SubjectLogonId", "0x3e7"),
                ("TargetUserSid", $"S-1-5-21-1-{1100 + i % 5}"), ("TargetUserName", i % 5 == 0 ? "Administrator" : $"user{i % 5}"),
                ("TargetDomainName", "CORP"), ("TargetLogonId", $"0x{0x10000 + i:x}"), ("LogonType", i % 2 == 0 ? "3" : "10"),
                ("LogonProcessName", "NtLmSsp "), ("AuthenticationPackageName", i % 3 == 0 ? "NTLM" : "Kerberos"),
                ("WorkstationName", $"KALI{i % 2}"), ("IpAddress", $"10.0.0.{i % 6}"), ("IpPort", (49000 + i).ToString()),
                ("ProcessId", "0x0"), ("ProcessName", "-"));
        }
        for (int i = 0; i < 15; i++)
        {
            New(Channels.Sysmon, 3, hosts[i % hosts.Length], i * 9 + 2,
                ("ProcessGuid", $"{{0000-{i:D4}}}"), ("ProcessId", (1000 + i).ToString()), ("Image", images[i % images.Length]),
                ("User", @"CORP\alice"), ("Protocol", "tcp"), ("Initiated", i % 4 == 0 ? "false" : "true"),
                ("SourceIp", "10.0.0.5"), ("SourcePort", (50000 + i).ToString()), ("DestinationIp", $"192.168.1.{i % 4}"),
                ("DestinationHostname", i % 2 == 0 ? "evil.example.com" : ""), ("DestinationPort", i % 3 == 0 ? "445" : "443"));
            New(Channels.Sysmon, 11, hosts[(i + 1) % hosts.Length], i * 9 + 4,
                ("ProcessGuid", $"{{0000-{i:D4}}}"), ("ProcessId", (1000 + i).ToString()), ("Image", images[i % images.Length]),
                ("TargetFilename", $@"C:\Users\Public\drop{i % 5}.{(i % 2 == 0 ? "dll" : "ps1")}"), ("CreationUtcTime", "2024-03-01 10:00:00.000"));
            New(Channels.Sysmon, 13, hosts[i % hosts.Length], i * 9 + 5,
                ("EventType", "SetValue"), ("ProcessGuid", $"{{0000-{i:D4}}}"), ("ProcessId", (1000 + i).ToString()), ("Image", images[i % images.Length]),
                ("TargetObject", $@"HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Run\Updater{i % 3}"), ("Details", $@"C:\Users\Public\drop{i % 5}.dll"));
            New(Channels.Sysmon, 7, hosts[i % hosts.Length], i * 9 + 6,
                ("ProcessGuid", $"{{0000-{i:D4}}}"), ("ProcessId", (1000 + i).ToString()), ("Image", images[i % images.Length]),
                ("ImageLoaded", i % 2 == 0 ? @"C:\Users\Public\evil.dll" : @"C:\Windows\System32\ntdll.dll"), ("Signed", i % 2 == 0 ? "false" : "true"));
        }
        for (int i = 0; i < 4; i++)
            New(Channels.System, 7045, hosts[i % hosts.Length], i * 30 + 8,
                ("ServiceName", i % 2 == 0 ? "PSEXESVC" : "Spooler"), ("ImagePath", i % 2 == 0 ? @"%SystemRoot%\PSEXESVC.exe" : @"C:\Windows\System32\spoolsv.exe"),
                ("ServiceType", "user mode service"), ("StartType", "demand start"), ("AccountName", "LocalSystem"));
        return events;
    }
}
