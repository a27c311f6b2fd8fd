using System.Diagnostics;
using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// `parse PATH [--no-peer]`: parse-only throughput of the native EVTX reader over a file or directory, on one
/// thread and on all cores, with peak working set; then Debian's `evtxexport` on the same file for a ratio.
/// Build a large file of real chunks with `python3 shared/tools/merge-evtx-chunks.py /tmp/merged.evtx LIST`.
/// </summary>
public sealed class EvtxScenario : IScenario
{
    public string Name => "parse";
    public string Description => "EVTX parse-only records/s and MB/s (1 thread, all cores), peak RSS, vs evtxexport";

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
        for (int pass = 0; pass < 5 && (pass == 0 || warm.Elapsed.TotalSeconds < 1); pass++) Measure(paths, 1);
        var one = Measure(inputs, 1);
        var all = Measure(inputs, Environment.ProcessorCount);
        double mb = bytes / 1e6;
        Console.WriteLine($"input: {string.Join(", ", paths)} ({mb:F1} MB, {one.Records:N0} records, {one.Issues:N0} issues)");
        Console.WriteLine($"{"run",-22} {"seconds",8} {"records/s",12} {"MB/s",8}");
        Print("huntsman 1 thread", one.Seconds, one.Records, mb);
        Print("  (per CPU second)", one.CpuSeconds, one.Records, mb);
        Print($"huntsman {Environment.ProcessorCount} threads", all.Seconds, all.Records, mb);
        Print("  (per CPU second)", all.CpuSeconds, all.Records, mb);
        Console.WriteLine($"speed-up on {Environment.ProcessorCount} cores: {one.Seconds / all.Seconds:F2}x");
        Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1e6:F0} MB; " +
            $"allocated {one.Allocated / (double)one.Records:F0} bytes/record; {one.Collections} gen0 GCs on 1 thread");
        if (!args.Contains("--no-peer") && paths.Length == 1 && File.Exists(paths[0]) && Peer(paths[0]) is { } peer)
        {
            // evtxexport reads the file once; our runs read it `repeat` times.
            long perFile = one.Records / repeat;
            Print("evtxexport -f xml", peer.Seconds, perFile, mb / repeat);
            if (peer.CpuSeconds > 0) Print("  (per CPU second)", peer.CpuSeconds, perFile, mb / repeat);
            Console.WriteLine($"huntsman 1 thread vs evtxexport: {one.Records / one.Seconds / (perFile / peer.Seconds):F1}x records/s (wall)" +
                (peer.CpuSeconds > 0 ? $", {one.Records / one.CpuSeconds / (perFile / peer.CpuSeconds):F1}x per CPU second" : ""));
        }
        return 0;
    }

    private static void Print(string run, double seconds, long records, double mb) =>
        Console.WriteLine($"{run,-22} {seconds,8:F2} {records / seconds,12:N0} {mb / seconds,8:F1}");

    /// <summary>Wall time, and CPU time of the process (the honest figure on a shared, loaded machine).</summary>
    private static (double Seconds, double CpuSeconds, long Records, long Issues, long Allocated, int Collections) Measure(string[] paths, int threads)
    {
        long records = 0, issues = 0;
        long allocated = GC.GetTotalAllocatedBytes(precise: false);
        int collections = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var reader = new EvidenceReader(new ReaderOptions { Format = InputFormat.Evtx, Threads = threads }, _ => issues++);
        EvidencePipeline.Run(reader.Units(paths), batch => batch, batch =>
        {
            records += batch.Events.Count;
            issues += batch.Issues.Count;
        }, threads);
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, records, issues,
            GC.GetTotalAllocatedBytes(precise: false) - allocated, GC.CollectionCount(0) - collections);
    }

    /// <summary>Times `evtxexport -f xml FILE` (wall and CPU) with its output discarded; null when it is not installed.</summary>
    private static (double Seconds, double CpuSeconds)? Peer(string file)
    {
        try
        {
            var info = new ProcessStartInfo("evtxexport", ["-f", "xml", file])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info)!;
            var drainErr = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
            var drainOut = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            double cpu = 0;
            while (!process.WaitForExit(20))
            {
                try { cpu = process.TotalProcessorTime.TotalSeconds; } catch (InvalidOperationException) { }
            }
            double wall = clock.Elapsed.TotalSeconds;
            drainOut.Wait();
            drainErr.Wait();
            return (wall, cpu);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("evtxexport not found (apt-get install -y libevtx-utils); no peer ratio");
            return null;
        }
    }
}
