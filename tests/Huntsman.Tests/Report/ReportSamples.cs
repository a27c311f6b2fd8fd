using Huntsman.Events;
using Huntsman.Hunt;
using Huntsman.Noise.Coverage;
using Huntsman.Report.Html;

namespace Huntsman.Tests.Report;

/// <summary>Report models for tests: a readable two-host PsExec story, optionally with hostile text in every field.</summary>
internal static class ReportSamples
{
    /// <summary>Each would change the page if it ran or escaped its context; the marker attribute shows it.</summary>
    public static readonly string[] Hostile =
    [
        "<script>document.documentElement.setAttribute('data-xss','script')</script>",
        "\"onerror=alert(1) x=\"",
        "<img src=x onerror=\"document.documentElement.setAttribute('data-xss','img')\">",
        "</style><script>document.documentElement.setAttribute('data-xss','style')</script>",
        "javascript:document.documentElement.setAttribute('data-xss','url')",
        "]]><script>document.documentElement.setAttribute('data-xss','cdata')</script>",
        "</svg><svg onload=\"document.documentElement.setAttribute('data-xss','svg')\">",
        "evil\u202Efdp.exe",
        "'><iframe src=javascript:alert(1)>",
        "<!-- --><textarea></title></code>",
    ];

    public static ReportModel PsExecStory(bool hostile = false)
    {
        int n = 0;
        string H(string normal) => hostile ? $"{normal} {Hostile[n++ % Hostile.Length]}" : normal;
        var t0 = new DateTime(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc);

        Detection D(int seconds, string host, string title, string level, string[] attack, long record, ProcessStep[] ancestry, params (string, string)[] fields) => new()
        {
            Timestamp = t0.AddSeconds(seconds), Computer = H(host), Channel = H("Microsoft-Windows-Sysmon/Operational"), EventId = 1,
            RecordId = record, File = H("evidence/target.evtx"), RuleId = H("6c2a1f0e-0000-4000-8000-00000000000" + record % 10),
            RuleTitle = H(title), Level = hostile && record % 2 == 0 ? H(level) : level, Attack = hostile ? [.. attack, H("T1")] : attack,
            Tags = [.. attack.Select(a => "attack." + a.ToLowerInvariant())],
            Fields = [.. fields.Select(f => new EventField(H(f.Item1), H(f.Item2)))],
            Ancestry = [.. ancestry.Select(a => a with { Image = H(a.Image), CommandLine = H(a.CommandLine ?? ""), User = H(a.User ?? "") })],
        };

        var services = new ProcessStep(@"C:\Windows\System32\services.exe", @"C:\Windows\system32\services.exe", 612, @"NT AUTHORITY\SYSTEM", t0);
        var psexesvc = new ProcessStep(@"C:\Windows\PSEXESVC.exe", @"C:\Windows\PSEXESVC.exe", 4242, @"NT AUTHORITY\SYSTEM", t0.AddSeconds(1));
        var cmd = new ProcessStep(@"C:\Windows\System32\cmd.exe", "cmd.exe /c whoami", 5150, @"NT AUTHORITY\SYSTEM", t0.AddSeconds(2));
        var detections = new List<Detection>
        {
            D(0, "WKS01", "PsExec Service Installation", "high", ["T1569.002", "T1543.003"], 101, [], ("ServiceName", "PSEXESVC"), ("ImagePath", @"%SystemRoot%\PSEXESVC.exe")),
            D(1, "WKS01", "Executable Written to Admin Share", "medium", ["T1021.002", "T1570"], 102, [], ("ShareName", @"\\*\ADMIN$"), ("RelativeTargetName", "PSEXESVC.exe")),
            D(2, "WKS01", "PsExec Service Child Process", "critical", ["T1569.002"], 103, [cmd, psexesvc, services], ("CommandLine", "cmd.exe /c whoami")),
            D(40, "SRV02", "Suspicious Encoded PowerShell Command Line", "high", ["T1059.001", "T1027.010"], 104,
                [new ProcessStep(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA", 777, @"CORP\alice", t0.AddSeconds(40)),
                 new ProcessStep(@"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE", "WINWORD.EXE /n invoice.docm", 700, @"CORP\alice", t0.AddSeconds(30))],
                ("CommandLine", "powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQA")),
            D(3600, "SRV02", "Impacket WMIExec Command", "high", ["T1047"], 105, [], ("CommandLine", @"cmd.exe /Q /c cd \ 1> \\127.0.0.1\ADMIN$\__1619425227.894209 2>&1")),
        };

        var telemetry = new CoverageCollector();
        foreach (var (host, channel, id, count) in new[] { ("WKS01", "Security", 4624, 12), ("WKS01", "Security", 5145, 30), ("WKS01", "System", 7045, 1),
                     ("WKS01", "Microsoft-Windows-Sysmon/Operational", 1, 20), ("SRV02", "Microsoft-Windows-Sysmon/Operational", 1, 8), ("SRV02", "Security", 4688, 5) })
            for (int i = 0; i < count; i++)
                telemetry.Observe(new WinEvent { Computer = H(host), Channel = H(channel), EventId = id, TimeCreated = t0.AddSeconds(i * 30 - 100) });

        var coverage = telemetry.Finish();
        return new ReportModel
        {
            Title = H("Huntsman report"),
            Summary = new RunSummary
            {
                Inputs = [H("evidence/target.evtx"), H("evidence/source.evtx")], Files = 2, Events = coverage.Events, Errors = 1,
                ErrorSamples = [H("evidence/broken.evtx chunk 3 @0x11000: bad chunk signature")], Rules = 14,
                FirstEvent = coverage.Hosts.Min(h => h.First), LastEvent = coverage.Hosts.Max(h => h.Last), Hosts = [H("SRV02"), H("WKS01")],
                GeneratedUtc = t0.AddHours(2), Duration = TimeSpan.FromSeconds(1.5), Version = H("0.1"),
            },
            Detections = detections,
            LateralMovements =
            [
                new LateralMovementFinding
                {
                    Kind = H("lateral_movement"), Tool = H("PsExec"), SourceHost = H("SRV02"), TargetHost = H("WKS01"), Account = H(@"CORP\admin"),
                    Time = t0, Confidence = H("high"), Reasons = [H("4624 type 3 from 10.0.0.2"), H(@"5145 ADMIN$\PSEXESVC.exe write"), H("7045 PSEXESVC")],
                    Commands = [H("cmd.exe /c whoami")], Techniques = ["T1021.002", "T1569.002", "T1570"],
                },
                new LateralMovementFinding
                {
                    Kind = H("lateral_movement"), Tool = H("Impacket wmiexec"), SourceHost = hostile ? H("10.0.0.9") : null, TargetHost = H("SRV02"), Account = H(@"CORP\admmig"),
                    Time = t0.AddSeconds(3600), Confidence = H("medium"), Reasons = [H("WmiPrvSE.exe → cmd.exe /Q /c … \\\\127.0.0.1\\ADMIN$\\__")], Commands = [H(@"cd \")],
                    Techniques = ["T1047"],
                },
                new LateralMovementFinding
                {
                    Kind = H("local_execution"), Tool = H("PsExec"), SourceHost = H("WKS01"), TargetHost = H("WKS01"), Account = H(@"CORP\bob"),
                    Time = t0.AddSeconds(7200), Confidence = H("high"), Reasons = [H("pipe host = local host")], Commands = [H("cmd")],
                },
            ],
            Hosts = HostTelemetry.From(coverage),
        };
    }
}
