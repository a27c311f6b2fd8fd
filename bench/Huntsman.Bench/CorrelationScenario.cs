using System.Diagnostics;
using Huntsman.Events;
using Huntsman.Sigma.Correlation;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Bench;

/// <summary>
/// Pushes synthetic detections through one correlation of each kind and reports observe and finish
/// throughput plus the engine's peak live state. No peer tool evaluates Sigma correlations locally,
/// so the figures are absolute: detections per second of wall time and per second of process CPU time
/// (the latter is steadier on a shared machine), and bytes allocated per observed detection. Usage: <c>correlation [detections=1000000] [threads=2]</c>.
/// </summary>
public sealed class CorrelationScenario : IScenario
{
    public string Name => "correlation";
    public string Description => "Sigma correlation engine: observe/finish rate and live state per type";

    private static readonly (string Title, string Correlation)[] Cases =
    [
        ("event_count by host (10)", "type: event_count\n    rules: [r0]\n    group-by: Computer\n    timespan: 1s\n    condition: {gte: 500}"),
        ("event_count by user (1000)", "type: event_count\n    rules: [r0]\n    group-by: User\n    timespan: 5m\n    condition: {gte: 100}"),
        ("value_count by host", "type: value_count\n    rules: [r0]\n    group-by: Computer\n    timespan: 1m\n    condition: {field: User, gte: 900}"),
        ("temporal_ordered, 3 rules", "type: temporal_ordered\n    rules: [r0, r1, r2]\n    group-by: User\n    timespan: 10s"),
        ("value_median, 1 h window", "type: value_median\n    rules: [r0]\n    group-by: Computer\n    timespan: 1h\n    condition: {field: Bytes, gt: 999}"),
        ("value_percentile, range", "type: value_percentile\n    rules: [r0]\n    group-by: Computer\n    timespan: 1s\n    condition: {field: Bytes, percentile: 95, gt: 990, lt: 1000}"),
    ];

    public int Run(string[] args)
    {
        int count = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
        int threads = args.Length > 1 ? int.Parse(args[1]) : 2;
        var events = MakeEvents(count);
        Console.WriteLine($"{count:N0} detections, {threads} observing threads");
        Console.WriteLine($"{"case",-28} {"observe/s",11} {"/cpu-s",11} {"finish/s",11} {"/cpu-s",11} {"B/observe",9} {"matches",8} {"peak window",12} {"peak live",10} {"peak groups",12}");
        foreach (var (title, body) in Cases)
        {
            var engine = new CorrelationEngine([Parse($"title: {title}\ncorrelation:\n    {body}\n")]);
            var names = new[] { "r0", "r1", "r2" };
            long allocated = GC.GetTotalAllocatedBytes(precise: true);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var observe = Stopwatch.StartNew();
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
            {
                for (int i = part; i < events.Length; i += threads) engine.Observe(names[i % 3], names[i % 3], events[i]);
            });
            observe.Stop();
            var observeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            var finish = Stopwatch.StartNew();
            var matches = engine.Finish();
            finish.Stop();
            var finishCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu - observeCpu;
            var s = engine.Statistics[0];
            Console.WriteLine($"{title,-28} {s.Observed / observe.Elapsed.TotalSeconds,11:N0} {s.Observed / observeCpu.TotalSeconds,11:N0} " +
                $"{s.Observed / finish.Elapsed.TotalSeconds,11:N0} {s.Observed / finishCpu.TotalSeconds,11:N0} {allocated / Math.Max(1, s.Observed),9:N0} {matches.Count,8:N0} {s.PeakWindow,12:N0} {s.PeakLiveObservations,10:N0} {s.PeakGroups,12:N0}");
        }
        return 0;
    }

    /// <summary>One detection per millisecond, 1000 users, 10 hosts, a byte count 0–999.</summary>
    private static WinEvent[] MakeEvents(int count)
    {
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var random = new Random(1);
        var events = new WinEvent[count];
        for (int i = 0; i < count; i++)
        {
            var e = new WinEvent { TimeCreated = t0.AddMilliseconds(i), RecordId = i, Computer = $"H{random.Next(10)}", Origin = new EventOrigin("bench.evtx", i / 1000, i) };
            e.Add("User", $"u{random.Next(1000)}");
            e.Add("Bytes", random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture));
            events[i] = e;
        }
        return events;
    }

    private static CorrelationRule Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (!CorrelationRule.TryParse((YamlMappingNode)stream.Documents[0].RootNode, "bench", out var rule, out var error))
            throw new InvalidOperationException(error);
        return rule!;
    }
}
