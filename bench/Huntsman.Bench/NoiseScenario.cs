using System.Diagnostics;
using Huntsman.Noise;
using Huntsman.Noise.Baseline;
using Huntsman.Noise.Coverage;
using Huntsman.Noise.Stack;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// `noise PATH...`: the cost of the noise tools over a whole corpus, as a ratio against reading alone
/// (no peer tool stacks, baselines or reports coverage, so the reader is the yardstick).
/// </summary>
public sealed class NoiseScenario : IScenario
{
    public string Name => "noise";
    public string Description => "stack, coverage, baseline learn and anomaly scan over PATH..., against a read-only pass";

    public int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: noise PATH...");
            return 2;
        }
        long events = 0;
        var read = Time(() => EvidenceScan.Run(args, _ => events++));
        var stack = new StackCounter(["ParentImage", "Image"]);
        var stackTime = Time(() => EvidenceScan.Run(args, stack.Observe));
        var coverage = new CoverageCollector();
        var coverageTime = Time(() => EvidenceScan.Run(args, coverage.Observe));
        var learner = new BaselineLearner();
        var learnTime = Time(() => EvidenceScan.Run(args, learner.Observe));
        var finder = new AnomalyFinder(learner.Build());
        var checkTime = Time(() => EvidenceScan.Run(args, finder.Observe));
        var coverageReport = coverage.Finish();

        Console.WriteLine($"{events:N0} events, {coverageReport.Hosts.Count:N0} hosts, {stack.DistinctTuples:N0} parent/child tuples, {finder.Finish().Count:N0} anomalies");
        Console.WriteLine($"{"pass",-16} {"seconds",8} {"events/s",12} {"vs read",8}");
        Row("read only", read, read, events);
        Row("stack", stackTime, read, events);
        Row("coverage", coverageTime, read, events);
        Row("baseline learn", learnTime, read, events);
        Row("anomaly scan", checkTime, read, events);
        return 0;
    }

    private static void Row(string name, TimeSpan t, TimeSpan read, long events) =>
        Console.WriteLine($"{name,-16} {t.TotalSeconds,8:F2} {events / Math.Max(t.TotalSeconds, 1e-9),12:N0} {t / read,8:F2}");

    private static TimeSpan Time(Action run)
    {
        var sw = Stopwatch.StartNew();
        run();
        return sw.Elapsed;
    }
}
