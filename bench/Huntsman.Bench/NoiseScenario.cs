using System.Diagnostics;
using Huntsman.Events;
using Huntsman.Noise;
using Huntsman.Noise.Baseline;
using Huntsman.Noise.Coverage;
using Huntsman.Noise.Stack;

namespace Huntsman.Bench;

/// <summary>
/// `noise PATH...`: what the noise tools cost on top of reading. The evidence is read once (timed: the
/// yardstick, as no peer tool stacks, baselines or reports coverage), then each tool runs over the events
/// held in memory, so its own cost is measured without the reader's (noisy, I/O-bound) share.
/// </summary>
public sealed class NoiseScenario : IScenario
{
    public string Name => "noise";
    public string Description => "stack, coverage, baseline learn and anomaly scan over PATH..., against reading alone";

    public int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: noise PATH...");
            return 2;
        }
        EvidenceScan.Run(args, _ => { }); // warm-up: file cache and JIT
        var events = new List<WinEvent>();
        var read = Time(() => EvidenceScan.Run(args, events.Add));

        var stack = new StackCounter(["ParentImage", "Image"]);
        var coverage = new CoverageCollector();
        var learner = new BaselineLearner();
        var stackTime = Time(() => events.ForEach(stack.Observe));
        var coverageTime = Time(() => events.ForEach(coverage.Observe));
        var learnTime = Time(() => events.ForEach(learner.Observe));
        var baseline = learner.Build();
        var finder = new AnomalyFinder(baseline);
        var checkTime = Time(() => events.ForEach(finder.Observe));
        var report = coverage.Finish();

        Console.WriteLine($"{events.Count:N0} events, {report.Hosts.Count:N0} hosts, {stack.DistinctTuples:N0} parent/child tuples");
        Console.WriteLine($"{"pass",-24} {"seconds",8} {"events/s",12} {"vs read",8}");
        Row("read (yardstick)", read, read, events.Count);
        Row("stack ParentImage,Image", stackTime, read, events.Count);
        Row("coverage", coverageTime, read, events.Count);
        Row("baseline learn", learnTime, read, events.Count);
        Row("anomaly scan", checkTime, read, events.Count);
        return 0;
    }

    private static void Row(string name, TimeSpan t, TimeSpan read, long events) =>
        Console.WriteLine($"{name,-24} {t.TotalSeconds,8:F3} {events / Math.Max(t.TotalSeconds, 1e-9),12:N0} {t / read,8:F3}");

    private static TimeSpan Time(Action run)
    {
        var sw = Stopwatch.StartNew();
        run();
        return sw.Elapsed;
    }
}
