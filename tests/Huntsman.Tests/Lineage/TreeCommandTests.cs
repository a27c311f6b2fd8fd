using System.Text.Json;
using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Huntsman.Tests.Lateral;
using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lineage;

public class TreeCommandTests
{
    private static (int Code, string Output, string Errors) Run(TreeCommand.Settings settings)
    {
        var errors = new StringWriter();
        int code = TreeCommand.Run(settings, new CliConsole(errors, () => Stream.Null, false, true));
        return (code, File.Exists(settings.Output) ? File.ReadAllText(settings.Output!) : "", errors.ToString());
    }

    [Fact]
    public void Process_option_prints_ancestry_then_descendants_indented()
    {
        using var tmp = new TempFolder();
        var (code, output, _) = Run(new TreeCommand.Settings
        {
            Paths = [Samples.Folder("psexec-two-hosts")], Process = "3344", Host = "FS01", Output = Path.Combine(tmp.Path, "t.txt"), Quiet = true,
        });
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("# FS01.corp.example", lines[0]);
        Assert.StartsWith(@"C:\Windows\System32\services.exe [pid 620]", lines[1]);
        Assert.StartsWith(@"  C:\Windows\PSEXESVC.exe [pid 3344] 2026-03-10T10:42:10.5300000Z NT AUTHORITY\SYSTEM", lines[2]);
        Assert.StartsWith(@"    C:\Windows\System32\cmd.exe [pid 4410]", lines[3]);
        Assert.StartsWith(@"      C:\Windows\System32\whoami.exe", lines[4]);
    }

    [Fact]
    public void Json_lists_every_host_with_roots_in_time_order()
    {
        using var tmp = new TempFolder();
        var (_, output, _) = Run(new TreeCommand.Settings { Paths = [Samples.Folder("psexec-two-hosts")], Format = "json", Output = Path.Combine(tmp.Path, "t.json"), Quiet = true });
        var hosts = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["FS01.corp.example", "HR-PC-07.corp.example"], hosts.Select(h => h.GetProperty("host").GetString()));
        var word = hosts[1].GetProperty("roots")[0].GetProperty("children")[0];
        Assert.EndsWith("WINWORD.EXE", word.GetProperty("image").GetString());
        Assert.EndsWith("rundll32.exe", word.GetProperty("children")[0].GetProperty("image").GetString());
    }

    [Fact]
    public void Guid_lookup_and_a_pid_at_a_time_both_find_the_process()
    {
        using var tmp = new TempFolder();
        var byGuid = Run(new TreeCommand.Settings { Paths = [Samples.Folder("psexec-two-hosts")], Process = "{4d7f3a21-0004-65ed-001c-000000001204}",
            Output = Path.Combine(tmp.Path, "g.txt"), Quiet = true });
        Assert.Contains("PsExec.exe [pid 5124]", byGuid.Output);
        var byTime = Run(new TreeCommand.Settings { Paths = [Samples.Folder("psexec-two-hosts")], Process = "0x1404", At = "2026-03-10T10:42:30Z",
            Output = Path.Combine(tmp.Path, "p.txt"), Quiet = true });
        Assert.Contains("PsExec.exe [pid 5124]", byTime.Output);
        var missing = Run(new TreeCommand.Settings { Paths = [Samples.Folder("psexec-two-hosts")], Process = "5124", At = "2026-03-10T10:00:00Z", Quiet = true });
        Assert.Equal(1, missing.Code);
        Assert.Contains("no process 5124", missing.Errors);
    }
}
