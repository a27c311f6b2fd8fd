using System.Diagnostics;
using Xunit;

namespace Huntsman.Tests.Report;

/// <summary>
/// Runs Debian's headless Chromium on a local file. Skips when it is not installed, fails under CI=true
/// (where .ci/run installs it).
/// </summary>
internal static class HeadlessChromium
{
    public const string Path = "/usr/bin/chromium";

    public static void Require()
    {
        if (File.Exists(Path)) return;
        if (SharedData.InCi) throw new InvalidOperationException($"CI=true but {Path} is not installed");
        Skip.If(true, $"{Path} is not installed (apt-get install -y chromium)");
    }

    /// <summary>The DOM after scripts ran (serialised by Chromium).</summary>
    public static string DumpDom(string htmlFile) => Run(htmlFile, "--dump-dom");

    public static void Screenshot(string htmlFile, string pngFile, int width = 1400, int height = 3200)
    {
        Run(htmlFile, $"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars");
        Assert.True(File.Exists(pngFile), $"no screenshot written to {pngFile}");
    }

    private static string Run(string htmlFile, params string[] args)
    {
        var profile = Directory.CreateTempSubdirectory("huntsman-chromium-");
        try
        {
            var psi = new ProcessStartInfo(Path)
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                         $"--user-data-dir={profile.FullName}", "--virtual-time-budget=2000" })
                psi.ArgumentList.Add(a);
            foreach (var a in args) psi.ArgumentList.Add(a);
            psi.ArgumentList.Add(new Uri(System.IO.Path.GetFullPath(htmlFile)).AbsoluteUri);
            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 60 s");
            }
            Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {stderr.Result}");
            return stdout.Result;
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }
}
