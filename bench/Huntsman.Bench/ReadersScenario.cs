using System.Diagnostics;
using Huntsman.Readers;
using Huntsman.Report.Dump;

namespace Huntsman.Bench;

/// <summary>
/// `readers PATH... [--copies N]`: JSON/XML read throughput (records/s, MB/s) on 1 thread and on all cores, with
/// CPU time and peak working set; then the same events written as JSONL to a null stream (dump cost).
/// --copies N concatenates the inputs N times into a temp JSONL/XML file first, to measure one large file.
/// </summary>
public sealed class ReadersScenario : IScenario
{
    public string Name => "readers";
    public string Description => "JSON/XML reader throughput (1 thread, all cores) and JSONL dump cost";

    public int Run(string[] args)
    {
        var paths = new List<string>();
        int copies = 1;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--copies" && i + 1 < args.Length) copies = int.Parse(args[++i]);
            else paths.Add(args[i]);
        }
        if (paths.Count == 0)
        {
            Console.Error.WriteLine("usage: readers PATH... [--copies N]");
            return 2;
        }
        string? temp = null;
        if (copies > 1)
        {
            temp = Path.Combine(Path.GetTempPath(), $"huntsman-bench-{Environment.ProcessId}{Path.GetExtension(paths[0])}");
            using (var output = File.Create(temp))
                for (int c = 0; c < copies; c++)
                    foreach (var p in paths)
                        using (var input = File.OpenRead(p)) input.CopyTo(output);
            paths = [temp];
        }
        try
        {
            Measure(paths, 1, dump: false);
            Measure(paths, Environment.ProcessorCount, dump: false);
            Measure(paths, Environment.ProcessorCount, dump: true);
        }
        finally
        {
            if (temp is not null) File.Delete(temp);
        }
        return 0;
    }

    private static void Measure(List<string> paths, int threads, bool dump)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long events = 0, issues = 0;
        long bytes;
        var options = new ReaderOptions { Threads = threads, KeepDocument = dump };
        using (var sink = Stream.Null)
        using (var writer = EventWriters.Create(DumpFormat.Jsonl, sink))
        using (var reader = new EvidenceReader(options, _ => Interlocked.Increment(ref issues)))
        {
            EvidencePipeline.Run(reader.Units(paths), b => b, b =>
            {
                events += b.Events.Count;
                issues += b.Issues.Count;
                if (dump) foreach (var e in b.Events) writer.Write(e);
            }, threads);
            bytes = reader.BytesSeen;
        }
        clock.Stop();
        process.Refresh();
        var cpuUsed = process.TotalProcessorTime - cpu;
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine($"{(dump ? "read+jsonl" : "read"),-10} threads={threads} events={events} issues={issues} " +
                          $"{bytes / 1048576.0:0.0} MB wall={seconds:0.00}s cpu={cpuUsed.TotalSeconds:0.00}s " +
                          $"{events / seconds:0} events/s {bytes / 1048576.0 / seconds:0.0} MB/s " +
                          $"(per cpu-second: {events / cpuUsed.TotalSeconds:0} events, {bytes / 1048576.0 / cpuUsed.TotalSeconds:0.0} MB) " +
                          $"peak={process.PeakWorkingSet64 / 1048576} MB");
    }
}
