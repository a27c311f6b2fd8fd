using System.Text.Json;
using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Xunit;

namespace Huntsman.Tests.Hunt;

public class HuntCommandTests
{
    private static (int Exit, string Stdout, string Stderr) Run(HuntCommand.Settings settings)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var console = new CliConsole(stderr, () => new NonClosingStream(stdout), errorIsTerminal: false, noColor: true);
        int exit = HuntCommand.Run(settings, console);
        return (exit, System.Text.Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    [SkippableFact]
    public void Psexec_service_install_fires_the_SigmaHQ_rule_with_attack_ids_and_fields()
    {
        var sample = SharedData.Path_("evtx", "hayabusa-sample-evtx", "EVTX-to-MITRE-Attack", "TA0003-Persistence",
            "T1543.003-Create or Modify System Process-Windows Service", "ID7045-7036 PSexec service installation.evtx");
        var rules = SharedData.Path_("sigma", "rules", "windows", "builtin", "system");
        var (exit, stdout, _) = Run(new HuntCommand.Settings { Paths = [sample], Rules = [rules], Format = "jsonl", Quiet = true });

        Assert.Equal(0, exit);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var hit = lines.First(l => l.GetProperty("rule_title").GetString() == "PsExec Service Installation");
        Assert.Equal(7045, hit.GetProperty("event_id").GetInt32());
        Assert.Contains("T1569.002", hit.GetProperty("attack").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("PSEXESVC", hit.GetProperty("fields").GetProperty("ServiceName").GetString());
        foreach (var key in new[] { "timestamp", "computer", "channel", "record_id", "file", "rule_id", "level", "status", "tags" })
            Assert.True(hit.TryGetProperty(key, out _), key);
    }

    [SkippableFact]
    public void Output_is_byte_identical_across_runs_and_thread_counts()
    {
        var dir = SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES", "Lateral Movement");
        var rules = SharedData.Path_("sigma", "rules", "windows", "builtin");
        var one = Run(new HuntCommand.Settings { Paths = [dir], Rules = [rules], Format = "jsonl", Quiet = true, Threads = 1 });
        var many = Run(new HuntCommand.Settings { Paths = [dir], Rules = [rules], Format = "jsonl", Quiet = true, Threads = 4 });
        Assert.NotEmpty(one.Stdout);
        Assert.Equal(one.Stdout, many.Stdout);
        var times = one.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(d => d.TryGetProperty("rule_id", out _)).Select(d => d.GetProperty("timestamp").GetString()!).ToList();
        Assert.NotEmpty(times);
        Assert.Equal(times.Order(StringComparer.Ordinal), times);
    }

    [Fact]
    public void Bad_time_window_is_a_usage_error()
    {
        var settings = new HuntCommand.Settings { Paths = ["x"], From = "not a time" };
        Assert.False(settings.Validate().Successful);
    }

    internal sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}

public class HuntNoiseTests
{
    private static readonly string Sample = Path.Combine(RepoRoot(), "samples", "psexec-two-hosts");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.GetFiles("*.slnx").Length > 0) return dir.FullName;
        throw new InvalidOperationException("repository root not found");
    }

    private static (int Exit, JsonElement Json, string Stderr) Hunt(params string[] allowlists)
    {
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var console = new CliConsole(stderr, () => new HuntCommandTests.NonClosingStream(stdout), errorIsTerminal: false, noColor: true);
        int exit = HuntCommand.Run(new HuntCommand.Settings { Paths = [Sample], Format = "json", Allowlists = allowlists }, console);
        return (exit, exit == 0 ? JsonDocument.Parse(stdout.ToArray()).RootElement.Clone() : default, stderr.ToString());
    }

    [Fact]
    public void Allowlist_suppresses_exactly_its_matches_and_says_so()
    {
        var before = Hunt();
        int pipeHits = before.Json.GetProperty("detections").EnumerateArray()
            .Count(d => d.GetProperty("fields").TryGetProperty("PipeName", out _));
        Assert.True(pipeHits > 0);

        var file = Path.Combine(Directory.CreateTempSubdirectory("huntsman-allow-").FullName, "allow.yml");
        File.WriteAllText(file, """
            version: 1
            entries:
              - id: psexesvc-pipes-lab
                reason: lab host runs PsExec on purpose
                owner: test
                scope:
                  kinds: [sigma]
                  hosts: ['FS01*']
                match:
                  PipeName|startswith: '\PSEXESVC'
              - id: never-matches
                reason: stale
                owner: test
                match:
                  Image|endswith: '\nothing-like-this.exe'
            """);
        var after = Hunt(file);

        Assert.Equal(0, after.Exit);
        var detections = after.Json.GetProperty("detections").EnumerateArray().ToList();
        Assert.Equal(before.Json.GetProperty("detections").GetArrayLength() - pipeHits, detections.Count);
        Assert.DoesNotContain(detections, d => d.GetProperty("fields").TryGetProperty("PipeName", out _));
        Assert.Contains("entry 'psexesvc-pipes-lab' suppressed " + pipeHits, after.Stderr);
        Assert.Contains("never-matches", after.Stderr);
        Assert.True(after.Json.TryGetProperty("allowlist", out _));
    }

    [Fact]
    public void A_broken_allowlist_stops_the_hunt_before_it_starts()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("huntsman-allow-").FullName, "bad.yml");
        File.WriteAllText(file, "version: 1\nentries:\n  - id: x\n    reason: y\n    match:\n      Image|nosuchmodifier: z\n");
        var (exit, _, stderr) = Hunt(file);
        Assert.Equal(2, exit);
        Assert.Contains("bad.yml", stderr);
    }
}

public class HuntAncestryTests
{
    [Fact]
    public void Every_high_or_critical_process_detection_on_the_sample_carries_its_ancestry()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root.GetFiles("*.slnx").Length == 0) root = root.Parent!;
        var stdout = new MemoryStream();
        var console = new CliConsole(new StringWriter(), () => new HuntCommandTests.NonClosingStream(stdout), errorIsTerminal: false, noColor: true);
        Assert.Equal(0, HuntCommand.Run(new HuntCommand.Settings { Paths = [Path.Combine(root.FullName, "samples", "psexec-two-hosts")], Format = "jsonl" }, console));

        var detections = System.Text.Encoding.UTF8.GetString(stdout.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).Where(d => d.TryGetProperty("rule_id", out _)).ToList();
        var severe = detections.Where(d => d.GetProperty("level").GetString() is "high" or "critical" && d.GetProperty("event_id").GetInt32() == 1).ToList();
        Assert.NotEmpty(severe);
        foreach (var d in severe) Assert.True(d.TryGetProperty("ancestry", out var a) && a.GetArrayLength() >= 2, d.GetProperty("rule_title").GetString());

        var encoded = severe.First(d => d.GetProperty("rule_title").GetString()!.Contains("Encoded PowerShell"));
        var chain = encoded.GetProperty("ancestry").EnumerateArray().Select(s => Path.GetFileName(s.GetProperty("image").GetString()!.Replace('\\', '/'))).ToList();
        Assert.Equal(["powershell.exe", "rundll32.exe", "WINWORD.EXE"], chain.Take(3));
    }
}
