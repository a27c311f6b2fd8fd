using System.Diagnostics;
using System.Runtime.InteropServices;
using Huntsman.Evtx.BinXml;
using Huntsman.Readers;

namespace Huntsman.Bench;

/// <summary>
/// `corpus [DIR]`: the whole EVTX corpus as an analyst meets it, many files of every size. Huntsman scans the
/// directory in one process (1 thread, then all cores); Debian's `evtxexport -f xml` runs once per file, as it
/// must. Both count records, so the ratio compares the same work. Default: ../shared/data/evtx.
/// </summary>
public sealed unsafe class CorpusScenario : IScenario
{
    public string Name => "corpus";
    public string Description => "EVTX parse of a whole directory in one process vs evtxexport per file (records/s, ratio)";

    private const int Rounds = 5;

    public int Run(string[] args)
    {
        int repeat = Array.IndexOf(args, "--repeat") is var r and >= 0 && r + 1 < args.Length ? int.Parse(args[r + 1]) : 5;
        var dir = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--repeat")).FirstOrDefault() ?? SharedEvtx();
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
        for (int i = 0; i < Rounds; i++)
        {
            one = Best(one, Measure(dirs, 1));
            all = Best(all, Measure(dirs, Environment.ProcessorCount));
        }
        Console.WriteLine($"input: {dir} ({files.Count:N0} files, {mb:F1} MB), read {repeat}x per measurement, best of {Rounds}");
        Console.WriteLine($"{"run",-26} {"wall s",8} {"cpu s",8} {"records",10} {"records/s",12} {"per cpu-s",12}");
        Print("huntsman 1 thread", one!.Value);
        Print($"huntsman {Environment.ProcessorCount} threads", all!.Value);
        Console.WriteLine($"speed-up on {Environment.ProcessorCount} cores: {one.Value.Wall / all.Value.Wall:F2}x");
        if (args.Contains("--no-peer")) return 0;
        var peer = Peer(files);
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

    /// <summary>
    /// On a fresh thread with the process-wide template cache emptied, as in a real run: the template cache and string
    /// pool start empty (the calling thread of a warm bench would otherwise flatter the 1-thread figure).
    /// </summary>
    private static (double Wall, double Cpu, long Records) Measure(string[] dirs, int threads)
    {
        (double, double, long) result = default;
        TemplateCache.Shared.Clear();
        var thread = new Thread(() => result = MeasureHere(dirs, threads));
        thread.Start();
        thread.Join();
        return result;
    }

    private static (double Wall, double Cpu, long Records) MeasureHere(string[] dirs, int threads)
    {
        long records = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        using var reader = new EvidenceReader(new ReaderOptions { Format = InputFormat.Evtx, Threads = threads }, _ => { });
        EvidencePipeline.Run(reader.Units(dirs), batch => batch.Events.Count, n => records += n, threads);
        return (clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, records);
    }

    /// <summary>`evtxexport -f xml` on every file in turn: wall time, its CPU time, and the records it printed.</summary>
    private static (double Wall, double Cpu, long Records)? Peer(List<string> files)
    {
        long records = 0;
        double childCpu = ChildrenCpuSeconds();
        var clock = Stopwatch.StartNew();
        foreach (var file in files)
        {
            try
            {
                var info = new ProcessStartInfo("evtxexport", ["-f", "xml", file])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                using var process = Process.Start(info)!;
                var drainErr = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
                records += CountEvents(process.StandardOutput.BaseStream);
                process.WaitForExit();
                drainErr.Wait();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }
        }
        return (clock.Elapsed.TotalSeconds, ChildrenCpuSeconds() - childCpu, records);
    }

    /// <summary>Counts "&lt;Event " openings in evtxexport's XML as it streams by.</summary>
    private static long CountEvents(Stream output)
    {
        ReadOnlySpan<byte> marker = "<Event "u8;
        var buffer = new byte[1 << 16];
        long count = 0;
        int carry = 0, n;
        while ((n = output.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var data = buffer.AsSpan(0, carry + n);
            int at;
            var rest = data;
            while ((at = rest.IndexOf(marker)) >= 0)
            {
                count++;
                rest = rest[(at + marker.Length)..];
            }
            carry = Math.Min(marker.Length - 1, data.Length);
            data[^carry..].CopyTo(buffer);
        }
        return count;
    }

    /// <summary>User + system time of every child this process has waited for (getrusage RUSAGE_CHILDREN).</summary>
    private static double ChildrenCpuSeconds()
    {
        const int RusageChildren = -1;
        return getrusage(RusageChildren, out var usage) == 0
            ? usage.UserSeconds + usage.UserMicros / 1e6 + usage.SystemSeconds + usage.SystemMicros / 1e6
            : double.NaN;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public long UserSeconds, UserMicros, SystemSeconds, SystemMicros;
        private fixed long _rest[14];
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int getrusage(int who, out Rusage usage);

    private static string? SharedEvtx()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", "evtx");
            if (dir.GetFiles("*.slnx").Length > 0 && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
