using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Huntsman.Bench;

/// <summary>The peer every EVTX figure is a ratio against: Debian's `evtxexport -f xml` (libevtx-utils).</summary>
internal static unsafe class EvtxExportPeer
{
    /// <summary>`evtxexport -f xml` on every file in turn: wall time, its CPU time, and the records it printed.</summary>
    public static (double Wall, double Cpu, long Records)? Run(IEnumerable<string> files)
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
}
