using System.Diagnostics;
using Huntsman.Events;
using Huntsman.Lateral;
using Huntsman.Lineage;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// Reads a corpus once into memory, then measures the lineage and lateral collectors alone: observe rate
/// (one thread, as hunt feeds them), tree build and correlation time, observations kept, findings.
/// No peer tool rebuilds trees or links lateral movement, so the figures are absolute (wall and process CPU time).
/// Usage: <c>lateral [path=../shared/data/evtx] [repeat=3]</c>.
/// </summary>
public sealed class LateralScenario : IScenario
{
    public string Name => "lateral";
    public string Description => "Process lineage + lateral movement collectors: observe/build/finish rate on a corpus";

    public int Run(string[] args)
    {
        var path = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "evtx");
        int repeat = args.Length > 1 ? int.Parse(args[1]) : 3;
        var events = new List<WinEvent>();
        var read = Stopwatch.StartNew();
        using (var reader = new EvidenceReader(new ReaderOptions(), _ => { }))
            EvidencePipeline.Run(reader.Units([path]), b => b.Events, events.AddRange, Environment.ProcessorCount);
        read.Stop();
        Console.WriteLine($"{events.Count:N0} events from {path} read in {read.Elapsed.TotalSeconds:0.00} s (not part of the figures below)");
        Console.WriteLine($"{"run",4} {"observe ev/s",14} {"/cpu-s",12} {"tree ms",9} {"finish ms",10} {"kept",8} {"processes",10} {"findings",9}");
        for (int r = 1; r <= repeat; r++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var tree = new ProcessTreeBuilder();
            var detector = new LateralMovementDetector(sharesTree: true);
            var observe = Stopwatch.StartNew();
            foreach (var e in events)
            {
                tree.Observe(e);
                detector.Observe(e);
            }
            observe.Stop();
            var observeCpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            var build = Stopwatch.StartNew();
            var forest = tree.Build();
            build.Stop();
            var finish = Stopwatch.StartNew();
            var findings = detector.Finish(forest);
            finish.Stop();
            int processes = forest.Hosts.Sum(h => forest.Nodes(h).Count);
            Console.WriteLine($"{r,4} {events.Count / observe.Elapsed.TotalSeconds,14:N0} {events.Count / observeCpu.TotalSeconds,12:N0} " +
                $"{build.Elapsed.TotalMilliseconds,9:N0} {finish.Elapsed.TotalMilliseconds,10:N0} {detector.ObservationsKept,8:N0} {processes,10:N0} {findings.Count,9:N0}");
        }
        return 0;
    }
}
