namespace Huntsman.Bench;

/// <summary>
/// Speed-up measured as it can be on a shared VM: each round runs one thread, then all cores, back to back, and the
/// ratio of that pair is kept. The median of the pair ratios is the figure; a burst of load from elsewhere spoils
/// single pairs (seen here: single pairs from 1.2x to 2.9x in one minute), and the steal time the kernel reports says
/// how busy the host was meanwhile.
/// </summary>
internal sealed class PairedRuns
{
    private readonly List<double> _ratios = new();
    private readonly long _stealAtStart = StealTicks();

    public void Add(double oneThreadSeconds, double allCoresSeconds) => _ratios.Add(oneThreadSeconds / allCoresSeconds);

    public double Median
    {
        get
        {
            var sorted = _ratios.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }
    }

    public string Summary(int cores) =>
        $"speed-up on {cores} cores: {Median:F2}x (median of {_ratios.Count} paired runs; pairs {_ratios.Min():F2}-{_ratios.Max():F2}x; " +
        $"host steal during them: {(StealTicks() - _stealAtStart) * 10} ms)";

    /// <summary>CPU time the hypervisor gave to others while this VM wanted it (/proc/stat, 10 ms ticks); 0 where unknown.</summary>
    private static long StealTicks()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return cpu.Length > 8 ? long.Parse(cpu[8]) : 0;
        }
        catch (IOException) { return 0; }
        catch (UnauthorizedAccessException) { return 0; }
    }
}
