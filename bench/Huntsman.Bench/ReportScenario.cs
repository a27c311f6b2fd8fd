using System.Diagnostics;
using System.Text;
using Huntsman.Attack;
using Huntsman.Events;
using Huntsman.Hunt;
using Huntsman.Noise.Coverage;
using Huntsman.Report.Html;
using Huntsman.Report.Navigator;

namespace Huntsman.Bench;

/// <summary>
/// Writes the HTML report and the Navigator layer for a synthetic hunt (many detections over many hosts,
/// lateral findings, telemetry), validates ATT&amp;CK tags and escapes evidence text, and prints rates and
/// sizes. No peer writes this report, so the figures are absolute.
/// Usage: <c>report [detections=100000] [hosts=50] [findings=500]</c>.
/// </summary>
public sealed class ReportScenario : IScenario
{
    public string Name => "report";
    public string Description => "HTML report / Navigator layer writing, tag validation and escaping rates";

    private static readonly string[] Titles =
        ["PsExec Service Installed (System 7045)", "Executable Written to an Admin Share", "Suspicious Encoded PowerShell Command Line",
         "Impacket WMIExec Command", "Rundll32 With a Suspicious Command Line"];
    private static readonly string[][] Techniques = [["T1569.002", "T1543.003"], ["T1021.002", "T1570"], ["T1059.001", "T1027.010"], ["T1047"], ["T1218.011"]];
    private static readonly string[] Levels_ = ["high", "high", "high", "high", "medium"];

    public int Run(string[] args)
    {
        int detections = args.Length > 0 ? int.Parse(args[0]) : 100_000;
        int hosts = args.Length > 1 ? int.Parse(args[1]) : 50;
        int findings = args.Length > 2 ? int.Parse(args[2]) : 500;
        var model = MakeModel(detections, hosts, findings);
        Console.WriteLine($"{detections:N0} detections, {hosts} hosts, {findings} lateral findings");

        Time("html report", 5, () =>
        {
            var counter = new CountingStream();
            using (var w = new StreamWriter(counter, new UTF8Encoding(false), 1 << 16)) HtmlReportWriter.Write(model, w);
            return counter.Length;
        }, detections, "detections");
        Time("navigator layer", 5, () =>
        {
            var counter = new CountingStream();
            NavigatorLayer.Write(counter, FiredTechniques.From(model.Detections));
            return counter.Length;
        }, detections, "detections");

        var tags = new[] { "attack.lateral-movement", "attack.t1021.002", "attack.execution", "attack.t1569.002", "attack.t1086", "attack.s0029" };
        Time("tag validation", 5, () =>
        {
            long problems = 0;
            for (int i = 0; i < 200_000; i++) problems += AttackTagValidator.Validate(tags).Count;
            return problems;
        }, 200_000 * tags.Length, "tags");

        var text = @"C:\Windows\system32\cmd.exe /Q /c echo cd ^> \\127.0.0.1\C$\__output 2^>^&1 > %TEMP%\execute.bat & del <x> ""q""";
        Time("html escape", 5, () =>
        {
            long length = 0;
            for (int i = 0; i < 1_000_000; i++) length += HtmlText.Escape(text).Length;
            return length;
        }, 1_000_000, "strings");
        return 0;
    }

    private static void Time(string name, int runs, Func<long> action, long items, string unit)
    {
        action(); // warm up
        var best = TimeSpan.MaxValue;
        long result = 0;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            result = action();
            best = clock.Elapsed < best ? clock.Elapsed : best;
        }
        Console.WriteLine($"{name,-16} best of {runs}: {best.TotalMilliseconds,9:N1} ms  {items / best.TotalSeconds,14:N0} {unit}/s  output {result,12:N0}");
    }

    private static ReportModel MakeModel(int count, int hostCount, int findingCount)
    {
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(1);
        var telemetry = new CoverageCollector();
        var list = new List<Detection>(count);
        for (int i = 0; i < count; i++)
        {
            int rule = random.Next(Titles.Length);
            var host = $"WKS{random.Next(hostCount):D3}.corp.example";
            var time = t0.AddSeconds(i * 3);
            list.Add(new Detection
            {
                Timestamp = time, Computer = host, Channel = "Security", EventId = 5145, RecordId = i, File = "bench.evtx",
                RuleId = $"rule-{rule}", RuleTitle = Titles[rule], Level = Levels_[rule], Attack = Techniques[rule],
                Fields = [new EventField("ShareName", @"\\*\ADMIN$"), new EventField("RelativeTargetName", $"tool{i % 97}.exe"),
                          new EventField("CommandLine", $"cmd.exe /c whoami <{i}> & \"x\"")],
                Ancestry = [new ProcessStep(@"C:\Windows\System32\cmd.exe", "cmd.exe /c whoami", 4000 + i % 100, @"NT AUTHORITY\SYSTEM", time),
                            new ProcessStep(@"C:\Windows\PSEXESVC.exe", @"C:\Windows\PSEXESVC.exe", 612, @"NT AUTHORITY\SYSTEM", time)],
            });
            telemetry.Observe(new WinEvent { Computer = host, Channel = "Security", EventId = 5140 + i % 10, TimeCreated = time });
        }
        var lateral = new List<LateralMovementFinding>(findingCount);
        for (int i = 0; i < findingCount; i++)
            lateral.Add(new LateralMovementFinding
            {
                Kind = "lateral_movement", Tool = i % 3 == 0 ? "PsExec" : "Impacket wmiexec", SourceHost = $"WKS{random.Next(hostCount):D3}.corp.example",
                TargetHost = $"WKS{random.Next(hostCount):D3}.corp.example", Account = @"CORP\admin", Time = t0.AddMinutes(i), Confidence = "high",
                Reasons = ["4624 type 3", "5145 ADMIN$ write", "7045 PSEXESVC"], Commands = ["cmd.exe /c whoami"], Techniques = ["T1021.002", "T1569.002"],
            });
        var coverage = telemetry.Finish();
        var hosts = HostTelemetry.From(coverage);
        return new ReportModel
        {
            Summary = new RunSummary { Files = 1, Events = coverage.Events, Rules = Titles.Length, FirstEvent = coverage.Hosts.Min(h => h.First), LastEvent = coverage.Hosts.Max(h => h.Last),
                Hosts = [.. hosts.Select(h => h.Host)], GeneratedUtc = t0 },
            Detections = list, LateralMovements = lateral, Hosts = hosts,
        };
    }

    /// <summary>Counts bytes written and drops them, so the figure is the writer's cost, not the disk's.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => _length += count;
        public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;
    }
}
