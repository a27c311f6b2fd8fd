using Huntsman.Evtx.BinXml;

namespace Huntsman.Bench;

/// <summary>What every scenario needs: where the shared evidence is, and a measurement that starts cold.</summary>
internal static class BenchPaths
{
    /// <summary>
    /// `../shared/data[/sub]` beside the repository (found from the bench's own folder), or under
    /// HUNTSMAN_SHARED_DATA; null when absent.
    /// </summary>
    public static string? SharedData(string sub = "")
    {
        var env = Environment.GetEnvironmentVariable("HUNTSMAN_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return Path.Combine(env, sub);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data", sub);
            if (dir.GetFiles("*.slnx").Length > 0 && Directory.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }

    /// <summary>
    /// Runs <paramref name="measure"/> on a fresh thread with the process-wide template cache emptied, as in a real run:
    /// the template cache and per-thread pools start empty for every thread count alike (the bench's warm main thread
    /// would otherwise flatter the 1-thread figure, and a warm cache every figure).
    /// </summary>
    public static T Cold<T>(Func<T> measure)
    {
        T result = default!;
        TemplateCache.Shared.Clear();
        var thread = new Thread(() => result = measure());
        thread.Start();
        thread.Join();
        return result;
    }
}
