using Huntsman.Cli.Infrastructure;
using Huntsman.Events;
using Huntsman.Hunt;
using Xunit;

namespace Huntsman.Tests.Cli;

public class DetectionTableTests
{
    private static Detection Make(string computer, string commandLine) => new()
    {
        Timestamp = new DateTime(2026, 3, 10, 10, 41, 37, DateTimeKind.Utc),
        Computer = computer,
        Channel = "Microsoft-Windows-Sysmon/Operational",
        EventId = 1,
        RecordId = 42,
        File = "a.evtx",
        RuleId = "r",
        RuleTitle = "Rule",
        Level = "high",
        Fields = [new EventField("CommandLine", commandLine), new EventField("Image", @"C:\w\cmd.exe")],
    };

    [Fact]
    public void ColumnsLineUpAndEachFieldHasItsLine()
    {
        var output = new StringWriter();
        DetectionTable.Write(output, [Make("HR-PC-07", "whoami"), Make("FS01.corp.example", "net user")]);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 2 * 2, lines.Length); // header, rule, two lines per detection
        Assert.StartsWith("  Time (UTC)", lines[0]);
        int details = lines[0].IndexOf("Details", StringComparison.Ordinal);
        Assert.Equal(details, lines[2].IndexOf("CommandLine: whoami", StringComparison.Ordinal));
        Assert.Equal(details, lines[3].IndexOf(@"Image: C:\w\cmd.exe", StringComparison.Ordinal));
        Assert.Equal(details, lines[4].IndexOf("CommandLine: net user", StringComparison.Ordinal));
    }

    [Fact]
    public void ControlCharactersFromEvidenceAreShownNotWritten()
    {
        var output = new StringWriter();
        DetectionTable.Write(output, [Make("PC\u001b]0;pwned\u0007", "a\nforged row\r\u009b")]);
        var text = output.ToString();
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u0007', text);
        Assert.DoesNotContain('\u009b', text);
        Assert.Contains(@"PC\x1b]0;pwned\x07", text);
        Assert.Contains(@"a\x0aforged row\x0d\x9b", text);
        Assert.Equal(4, text.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void NoDetections()
    {
        var output = new StringWriter();
        DetectionTable.Write(output, []);
        Assert.Equal("No detections." + Environment.NewLine, output.ToString());
    }
}

public class TerminalTextTests
{
    [Fact]
    public void EscapeShowsControlCharactersAndEscapesMarkup() =>
        Assert.Equal(@"[[red]]x\x1b[[2J", Huntsman.Cli.Infrastructure.TerminalText.Escape("[red]x\u001b[2J"));
}

public class ProcessTreeLineTests
{
    [Fact]
    public void CommandLineCannotForgeLinesOrDriveTheTerminal()
    {
        var node = new Huntsman.Lineage.ProcessNode("PC", 4) { Image = @"C:\w\cmd.exe", CommandLine = "cmd /c echo\n  C:\\fake.exe [pid 1]\u001b[2J" };
        Assert.Equal(@"C:\w\cmd.exe [pid 4] :: cmd /c echo\x0a  C:\fake.exe [pid 1]\x1b[2J", Huntsman.Lineage.ProcessTreeWriter.Line(node, 0));
    }
}
