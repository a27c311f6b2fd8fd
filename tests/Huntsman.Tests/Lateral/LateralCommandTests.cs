using System.Text.Json;
using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lateral;

public class LateralCommandTests
{
    private static (int Code, string Output, string Errors) Run(LateralCommand.Settings settings)
    {
        var errors = new StringWriter();
        int code = LateralCommand.Run(settings, new CliConsole(errors, () => Stream.Null, false, true));
        return (code, File.Exists(settings.Output) ? File.ReadAllText(settings.Output!) : "", errors.ToString());
    }

    [Fact]
    public void Jsonl_on_the_sample_is_one_linked_finding()
    {
        using var tmp = new TempFolder();
        var (code, output, _) = Run(new LateralCommand.Settings
        {
            Paths = [Samples.Folder("psexec-two-hosts")], Format = "jsonl", Output = Path.Combine(tmp.Path, "out.jsonl"), Quiet = true,
        });
        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var f = JsonDocument.Parse(line).RootElement;
        Assert.Equal("HR-PC-07.corp.example", f.GetProperty("source_host").GetString());
        Assert.Equal("FS01.corp.example", f.GetProperty("target_host").GetString());
        Assert.Equal(5, f.GetProperty("source_process").GetArrayLength());
    }

    [Fact]
    public void Table_names_both_ends_and_the_source_chain()
    {
        using var tmp = new TempFolder();
        var (_, output, errors) = Run(new LateralCommand.Settings
        {
            Paths = [Samples.Folder("psexec-two-hosts")], Output = Path.Combine(tmp.Path, "out.txt"),
            Allowlist = Path.Combine(Samples.Root(), "allowlists", "lateral-example.yml"),
        });
        Assert.Contains("FS01.corp.example", output);
        Assert.Contains("WINWORD.EXE -> rundll32.exe -> powershell.exe -> PsExec.exe", output);
        Assert.Contains("1 lateral finding(s)", errors);
    }

    [Fact]
    public void A_broken_allowlist_is_a_usage_error_naming_the_place()
    {
        using var tmp = new TempFolder();
        var bad = tmp.File("bad.yml", "entries:\n  - name: x\n");
        var (code, _, errors) = Run(new LateralCommand.Settings { Paths = [Samples.Folder("psexec-two-hosts")], Allowlist = bad, Quiet = true });
        Assert.Equal(2, code);
        Assert.Contains("bad.yml:2:5", errors);
    }
}
