using System.Diagnostics;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// `corpus [DIR]`: the whole EVTX corpus as an analyst meets it, many files of every size. Huntsman scans the
/// directory in one process (1 thread, then all cores); Debian's `evtxexport -f xml` runs once per file, as it
/// must. Both count records, so the ratio compares the same work. Default: ../shared/data/evtx.
/// </summary>
public sealed class CorpusScenario : IScenario
{
    public string Name => "corpus";
    public string Description => "EVTX parse of a whole directory in one process vs evtxexport per file (records/s, ratio)";

    private const int Rounds = 9;

    public int Run(string[] args)
    {
        int repeat = Array.IndexOf(args, "--repeat") is var r and >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1]) : 5;
        var dir = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--repeat")).FirstOrDefault() ?? BenchPaths.SharedData("evtx");
        if (dir is null || !Directory.Exists(dir))
        {
            Console.Error.WriteLine("usage: corpus [DIR] [--repeat N] [--no-peer]");
            return 2;
        }
        var files = Directory.EnumerateFiles(dir, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        double mb = files.Sum(f => new FileInfo(f).Length) / 1e6;

        // Each measurement reads the directory `repeat` times: one pass is under 0.1 s, too short to time on a shared machine.
        var dirs = Enumerable.Repeat(dir, repeat).ToArray();
        Measure(dirs, 1); // page cache and JIT
        Measure(dirs, 1);
        (double Wall, double Cpu, long Records)? one = null, all = null;
        var pairs = new PairedRuns();
        for (int i = 0; i < Rounds; i++)
        {
            var single = Measure(dirs, 1);
            var multi = Measure(dirs, Environment.ProcessorCount);
            pairs.Add(single.Wall, multi.Wall);
            one = Best(one, single);
            all = Best(all, multi);
        }
        Console.WriteLine($"input: {dir} ({files.Count:N0} files, {mb:F1} MB), read {repeat}x per measurement, best of {Rounds} paired runs");
        Console.WriteLine($"{"run",-26} {"wall s",8} {"cpu s",8} {"records",10} {"records/s",12} {"per cpu-s",12}");
        Print("huntsman 1 thread", one!.Value);
        Print($"huntsman {Environment.ProcessorCount} threads", all!.Value);
        Console.WriteLine(pairs.Summary(Environment.ProcessorCount));
        if (args.Contains("--no-peer")) return 0;
        var peer = EvtxExportPeer.Run(files);
        if (peer is null)
        {
            Console.WriteLine("evtxexport not found (apt-get install -y libevtx-utils); no peer ratio");
            return 0;
        }
        Print("evtxexport, one per file", peer.Value);
        Console.WriteLine($"huntsman 1 thread vs evtxexport: {Rate(one.Value) / Rate(peer.Value):F1}x records/s (wall), " +
            $"{one.Value.Records / one.Value.Cpu / (peer.Value.Records / peer.Value.Cpu):F1}x per CPU second; " +
            $"{Environment.ProcessorCount} threads: {Rate(all.Value) / Rate(peer.Value):F1}x (wall)");
        Console.WriteLine("(evtxexport counts only the records it can read: on damaged files it reads fewer than huntsman)");
        return 0;
    }

    private static double Rate((double Wall, double Cpu, long Records) r) => r.Records / r.Wall;

    private static (double, double, long) Best((double Wall, double Cpu, long Records)? a, (double Wall, double Cpu, long Records) b) =>
        a is null || b.Wall < a.Value.Wall ? b : a.Value;

    private static void Print(string run, (double Wall, double Cpu, long Records) r) =>
        Console.WriteLine($"{run,-26} {r.Wall,8:F2} {r.Cpu,8:F2} {r.Records,10:N0} {r.Records / r.Wall,12:N0} {r.Records / r.Cpu,12:N0}");

    /// <summary>Cold, as a real run starts (see <see cref="BenchPaths.Cold"/>).</summary>
    private static (double Wall, double Cpu, long Records) Measure(string[] dirs, int threads) =>
        BenchPaths.Cold(() => MeasureHere(dirs, threads));

    private static (double Wall, double Cpu, long Records) MeasureHere(string[] dirs, int threads)
    {
        long records = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var reader = new EvidenceReader(new ReaderOptions { Format = InputFormat.Evtx, Threads = threads }, _ => { });
        EvidencePipeline.Run(reader.Units(dirs), batch => batch.Events.Count, n => records += n, threads);
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, records);
    }
}
