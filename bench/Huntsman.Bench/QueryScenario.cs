using System.Diagnostics;
using Huntsman.Query;
using Huntsman.Query.Store;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// `query [DIR]`: ingest throughput into an in-memory DuckDB case relative to parse-only throughput over the
/// same EVTX corpus (target ≥ 0.5×), and the time of a KQL summarize over the whole case (target &lt; 1 s).
/// Best of N runs; CPU time is printed too because the machine is shared.
/// </summary>
internal sealed class QueryScenario : IScenario
{
    public string Name => "query";
    public string Description => "DuckDB case: ingest vs parse-only throughput, whole-corpus KQL summarize latency";

    private const string Summarize = "DeviceProcessEvents | summarize count() by DeviceName, FileName";

    public int Run(string[] args)
    {
        var corpus = args.Length > 0 ? args[0] : BenchPaths.SharedData("evtx");
        if (corpus is null || !Directory.Exists(corpus))
        {
            Console.Error.WriteLine("usage: query <evtx corpus dir> (default: ../shared/data/evtx)");
            return 2;
        }
        int runs = args.Length > 1 && int.TryParse(args[1], out var n) ? n : 3;
        var options = new ReaderOptions();
        Console.WriteLine($"corpus {corpus}, {options.EffectiveThreads} threads, best of {runs}");

        long events = 0, bytes = 0;
        var parse = Best(runs, () =>
        {
            using var reader = new EvidenceReader(options, _ => { });
            long count = 0;
            EvidencePipeline.Run(reader.Units([corpus]), b => b.Events.Count, c => count += c, options.EffectiveThreads);
            events = count;
            bytes = reader.BytesSeen;
        });

        var stores = Enumerable.Range(0, runs).Select(_ => CaseStore.Open()).ToList();
        int next = 0;
        var ingest = Best(runs, () => CaseIngestor.Ingest(stores[next++], [corpus], options, _ => { }));
        using var store = stores[0];
        foreach (var other in stores.Skip(1)) other.Dispose();

        QueryResult? result = null;
        var query = Best(runs + 2, () => result = HuntQuery.Run(store, Summarize, QueryLanguage.Kql));
        var sql = Best(runs + 2, () => store.Run("SELECT DeviceName, FileName, count(*) FROM DeviceProcessEvents GROUP BY ALL"));
        var wide = Best(runs + 2, () => HuntQuery.Run(store, "Event | summarize count() by Computer, EventID", QueryLanguage.Kql));

        Console.WriteLine($"{"measure",-44} {"wall",10} {"cpu",10} {"events/s",12} {"MB/s",8}");
        Print("parse only (EvidencePipeline)", parse, events, bytes);
        Print("ingest into DuckDB (in memory)", ingest, events, bytes);
        Console.WriteLine($"ingest / parse throughput: {parse.Wall.TotalSeconds / ingest.Wall.TotalSeconds:F2}x wall, {parse.Cpu.TotalSeconds / ingest.Cpu.TotalSeconds:F2}x cpu (target >= 0.5x)");
        Console.WriteLine($"{store.Count("DeviceProcessEvents"):N0} process events, {store.Count("Event"):N0} events in the case");
        Print($"KQL: {Summarize}", query, 0, 0);
        Print("same as hand-written SQL", sql, 0, 0);
        Print("KQL: Event | summarize count() by Computer, EventID", wide, 0, 0);
        Console.WriteLine($"summarize returned {result!.Rows.Count} rows in {query.Wall.TotalMilliseconds:F0} ms (target < 1000 ms)");
        return 0;
    }

    private static void Print(string name, (TimeSpan Wall, TimeSpan Cpu) t, long events, long bytes) =>
        Console.WriteLine($"{name,-44} {t.Wall.TotalMilliseconds,8:F0}ms {t.Cpu.TotalMilliseconds,8:F0}ms "
            + (events > 0 ? $"{events / t.Wall.TotalSeconds,12:N0} {bytes / 1e6 / t.Wall.TotalSeconds,8:F1}" : ""));

    private static (TimeSpan Wall, TimeSpan Cpu) Best(int runs, Action action)
    {
        var best = (Wall: TimeSpan.MaxValue, Cpu: TimeSpan.MaxValue);
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            action();
            clock.Stop();
            process.Refresh();
            var cpu = process.TotalProcessorTime - cpu0;
            if (clock.Elapsed < best.Wall) best = (clock.Elapsed, cpu);
        }
        return best;
    }
}
