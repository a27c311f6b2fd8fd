using System.Diagnostics;
using Huntsman.Events;
using Huntsman.Evtx.BinXml;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// `parse PATH [--no-peer]`: parse-only throughput of the native EVTX reader over a file or directory (every event
/// built, its field values left lazy), on one thread, on one thread rendering every value, and on all cores: best of
/// interleaved runs, the speed-up as the median of paired runs (<see cref="PairedRuns"/>), with peak working set; then
/// Debian's `evtxexport` on the same file for a ratio.
/// Build a large file of real chunks with `python3 shared/tools/merge-evtx-chunks.py /tmp/merged.evtx LIST`.
/// </summary>
public sealed class EvtxScenario : IScenario
{
    public string Name => "parse";
    public string Description => "EVTX parse-only records/s and MB/s (1 thread, 1 thread rendering every value, all cores), peak RSS, vs evtxexport";

    private const int Rounds = 9;

    public int Run(string[] args)
    {
        int repeat = Array.IndexOf(args, "--repeat") is var r and >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1]) : 1;
        var paths = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--repeat")).ToArray();
        if (paths.Length == 0)
        {
            Console.Error.WriteLine("usage: parse <file-or-directory>... [--repeat N] [--no-peer]");
            return 2;
        }
        long bytes = paths.Sum(p => Directory.Exists(p)
            ? Directory.EnumerateFiles(p, "*.evtx", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : new FileInfo(p).Length) * repeat;
        var inputs = Enumerable.Repeat(paths, repeat).SelectMany(p => p).ToArray();
        // Warm-up: page cache, then JIT tiering (tier-0, instrumented, tier-1) until the code is steady: at least 1 s or 5 passes.
        var warm = Stopwatch.StartNew();
        for (int pass = 0; pass < 5 && (pass == 0 || warm.Elapsed.TotalSeconds < 1); pass++)
        {
            Measure(paths, 1, render: false);
            Measure(paths, 1, render: true);
        }
        // Interleaved, so a burst of load from elsewhere on the machine spoils single runs, not a whole kind.
        Pass one = default, rendered = default, all = default;
        var pairs = new PairedRuns();
        for (int round = 0; round < Rounds; round++)
        {
            var single = Measure(inputs, 1, render: false);
            var multi = Measure(inputs, Environment.ProcessorCount, render: false);
            pairs.Add(single.Seconds, multi.Seconds);
            one = Pass.Best(one, single);
            all = Pass.Best(all, multi);
            if (round < 3) rendered = Pass.Best(rendered, Measure(inputs, 1, render: true));
        }
        double mb = bytes / 1e6;
        Console.WriteLine($"input: {string.Join(", ", paths)} ({mb:F1} MB, {one.Records:N0} records, {one.Issues:N0} issues); best of {Rounds} paired runs (rendering: of 3)");
        Console.WriteLine($"{"run",-30} {"seconds",8} {"records/s",12} {"MB/s",8}");
        Print("huntsman 1 thread", one.Seconds, one.Records, mb);
        Print("  (per CPU second)", one.CpuSeconds, one.Records, mb);
        Print("1 thread + render every value", rendered.Seconds, rendered.Records, mb);
        Print("  (per CPU second)", rendered.CpuSeconds, rendered.Records, mb);
        Print($"huntsman {Environment.ProcessorCount} threads", all.Seconds, all.Records, mb);
        Print("  (per CPU second)", all.CpuSeconds, all.Records, mb);
        Console.WriteLine(pairs.Summary(Environment.ProcessorCount));
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; " +
            $"allocated {one.Allocated / (double)one.Records:F0} bytes/record ({rendered.Allocated / (double)rendered.Records:F0} rendering every value); " +
            $"{one.Collections} gen0 GCs on 1 thread");
        if (args.Contains("--no-peer") || paths.Length != 1 || !File.Exists(paths[0])) return 0;
        if (EvtxExportPeer.Run([paths[0]]) is not { } peer)
        {
            Console.WriteLine("evtxexport not found (apt-get install -y libevtx-utils); no peer ratio");
            return 0;
        }
        // evtxexport reads the file once; our runs read it `repeat` times.
        long perFile = one.Records / repeat;
        Print("evtxexport -f xml", peer.Wall, perFile, mb / repeat);
        Print("  (per CPU second)", peer.Cpu, perFile, mb / repeat);
        Ratio("huntsman 1 thread", one, perFile, peer);
        Ratio("1 thread + render every value", rendered, perFile, peer);
        return 0;
    }

    private static void Ratio(string run, Pass ours, long peerRecords, (double Wall, double Cpu, long Records) peer) =>
        Console.WriteLine($"{run} vs evtxexport: {ours.Records / ours.Seconds / (peerRecords / peer.Wall):F1}x records/s (wall), " +
            $"{ours.Records / ours.CpuSeconds / (peerRecords / peer.Cpu):F1}x per CPU second");

    private static void Print(string run, double seconds, long records, double mb) =>
        Console.WriteLine($"{run,-30} {seconds,8:F2} {records / seconds,12:N0} {mb / seconds,8:F1}");

    /// <summary>One measured pass: wall time, CPU time of the process (the honest figure on a shared, loaded machine), allocation.</summary>
    private readonly record struct Pass(double Seconds, double CpuSeconds, long Records, long Issues, long Allocated, int Collections)
    {
        /// <summary>The best wall time and the best CPU time of two runs (either may be the empty default).</summary>
        public static Pass Best(Pass a, Pass b) => a.Records == 0 ? b : b.Records == 0 ? a
            : a with { Seconds = Math.Min(a.Seconds, b.Seconds), CpuSeconds = Math.Min(a.CpuSeconds, b.CpuSeconds), Allocated = Math.Min(a.Allocated, b.Allocated) };
    }

    /// <summary>
    /// Reads every event (all fields built and accessible); with <paramref name="render"/> the reading thread also
    /// asks every field for its text, so the cost that lazy values defer is measured too.
    /// </summary>
    private static Pass Measure(string[] paths, int threads, bool render) => BenchPaths.Cold(() => MeasureHere(paths, threads, render));

    private static Pass MeasureHere(string[] paths, int threads, bool render)
    {
        long records = 0, issues = 0, chars = 0;
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        int collections = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var reader = new EvidenceReader(new ReaderOptions { Format = InputFormat.Evtx, Threads = threads }, _ => issues++);
        EvidencePipeline.Run(reader.Units(paths), batch =>
        {
            if (render) Interlocked.Add(ref chars, RenderAll(batch));
            return batch;
        }, batch =>
        {
            records += batch.Events.Count;
            issues += batch.Issues.Count;
        }, threads);
        if (render && chars == 0 && records > 0) throw new InvalidOperationException("rendering every value gave no text");
        return new Pass(clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, records, issues,
            GC.GetTotalAllocatedBytes(precise: false) - allocated, GC.CollectionCount(0) - collections);
    }

    private static long RenderAll(EventBatch batch)
    {
        long chars = 0;
        foreach (var e in batch.Events)
            foreach (var f in e.Fields) chars += f.Value.Length;
        return chars;
    }
}
