using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Huntsman.Cli.Commands;
using Huntsman.Cli.Infrastructure;
using Huntsman.Tests.Readers;
using Spectre.Console.Cli;
using Xunit;

namespace Huntsman.Tests.Cli;

/// <summary>`huntsman dump` run in-process: messages on stderr, bytes on stdout, exit codes.</summary>
public class DumpCommandTests
{
    private sealed record Result(int Exit, string Out, string[] Err);

    private static Result Dump(params string[] args) => Dump(new DumpCommand.Settings(), args);

    private static Result Dump(DumpCommand.Settings template, string[] paths)
    {
        var settings = new DumpCommand.Settings
        {
            Paths = paths, Format = template.Format, Output = template.Output, InputFormat = template.InputFormat,
            Threads = template.Threads, Quiet = template.Quiet,
        };
        Assert.True(settings.Validate().Successful);
        var stdout = new MemoryStream();
        var stderr = new StringWriter();
        int exit = DumpCommand.Run(settings, new CliConsole(stderr, () => stdout, errorIsTerminal: false, noColor: true));
        return new Result(exit, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    private const string GoodLines = "{\"EventID\":1,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Hostname\":\"WS01\",\"RecordNumber\":1,\"Image\":\"C:\\\\a.exe\"}\n" +
                                     "this line is not JSON\n" +
                                     "{\"EventID\":3,\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"Hostname\":\"WS01\",\"RecordNumber\":2,\"DestinationIp\":\"10.0.0.9\"}\n";

    [Fact]
    public void Bad_inputs_each_give_one_line_naming_the_file_and_the_run_goes_on()
    {
        using var temp = new TempFolder();
        var fake = temp.File("logs/fake.evtx", "this is not an evtx file");
        var empty = temp.File("logs/empty.json", "");
        var lines = temp.File("logs/lines.json", GoodLines);
        var emptyDir = Directory.CreateDirectory(Path.Combine(temp.Path, "nologs")).FullName;
        // Tests run as root, so chmod 000 would not stop a read: a dangling symlink and a FIFO stand in for unreadable files.
        var dangling = Path.Combine(temp.Path, "gone.evtx");
        File.CreateSymbolicLink(dangling, Path.Combine(temp.Path, "does-not-exist.evtx"));
        var fifo = Path.Combine(temp.Path, "pipe.json");
        Process.Start("mkfifo", fifo)!.WaitForExit();

        var r = Dump(Path.Combine(temp.Path, "logs"), emptyDir, dangling, fifo);
        Assert.Equal(ExitCodes.Ok, r.Exit);
        Assert.Contains($"error: {fake}: not an EVTX file (no ElfFile signature)", r.Err);
        Assert.Contains($"warning: {empty}: empty file (or not a regular file)", r.Err);
        Assert.Contains($"warning: {emptyDir}: directory contains no files", r.Err);
        Assert.Contains(r.Err, l => l.StartsWith($"error: {dangling}: ", StringComparison.Ordinal));
        Assert.Contains($"warning: {fifo}: empty file (or not a regular file)", r.Err);
        Assert.Contains(r.Err, l => l.StartsWith($"error: {lines}:2: not valid JSON", StringComparison.Ordinal));
        Assert.Contains(r.Err, l => l.StartsWith("files: 1 read, 4 skipped; records: 2, skipped 1, recovered 0; errors: 3, warnings: 3", StringComparison.Ordinal));
        Assert.Equal(2, r.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Nothing_readable_exits_1_and_usage_errors_exit_2()
    {
        using var temp = new TempFolder();
        var fake = temp.File("fake.evtx", "MZ not a log");
        var r = Dump(fake, Path.Combine(temp.Path, "missing"));
        Assert.Equal(ExitCodes.NothingRead, r.Exit);
        Assert.Contains($"error: {Path.Combine(temp.Path, "missing")}: no such file or directory", r.Err);
        Assert.Equal("", r.Out);

        var good = temp.File("good.json", GoodLines);
        Assert.Equal(ExitCodes.Usage, Dump(new DumpCommand.Settings { Output = temp.Path }, [good]).Exit); // -o is a directory

        var app = new CommandApp();
        app.Configure(c =>
        {
            c.SetExceptionHandler(ExitCodes.HandleException);
            c.AddCommand<DumpCommand>("dump");
        });
        Assert.Equal(ExitCodes.Usage, app.Run(["dump", good, "--format", "yaml"]));
        Assert.Equal(ExitCodes.Usage, app.Run(["dump", good, "--input-format", "csv"]));
        Assert.Equal(ExitCodes.Usage, app.Run(["dump", good, "--threads", "-1"]));
        Assert.Equal(ExitCodes.Usage, app.Run(["dump"]));
        Assert.Equal(ExitCodes.Usage, app.Run(["dump", good, "--no-such-option"]));
    }

    [Fact]
    public void Formats_are_well_formed_and_quiet_drops_the_summary()
    {
        using var temp = new TempFolder();
        var input = temp.File("in.json", GoodLines.Replace("C:\\\\a.exe", "C:\\\\a, \\\"b\\\".exe"));
        var quiet = new DumpCommand.Settings { Quiet = true };

        var jsonl = Dump(new DumpCommand.Settings { Quiet = true, Format = "jsonl" }, [input]);
        var first = JsonDocument.Parse(jsonl.Out.Split('\n')[0]).RootElement.GetProperty("Event");
        Assert.Equal(1, first.GetProperty("System").GetProperty("EventID").GetInt32());
        Assert.Equal("WS01", first.GetProperty("System").GetProperty("Computer").GetString());
        Assert.Equal("C:\\a, \"b\".exe", first.GetProperty("EventData").GetProperty("Image").GetString());
        Assert.DoesNotContain(jsonl.Err, l => l.StartsWith("files:"));
        Assert.Single(jsonl.Err); // the bad line is still reported

        var xml = Dump(new DumpCommand.Settings { Quiet = true, Format = "xml" }, [input]);
        var doc = XDocument.Parse(xml.Out);
        Assert.Equal("Events", doc.Root!.Name.LocalName);
        Assert.Equal(2, doc.Root.Elements().Count());

        var csv = Dump(new DumpCommand.Settings { Quiet = true, Format = "csv" }, [input]).Out.Split('\n');
        Assert.Equal("Timestamp,Computer,Channel,EventID,RecordID,Provider,File,Fields", csv[0]);
        Assert.StartsWith("0001-01-01T00:00:00.0000000Z,WS01,Microsoft-Windows-Sysmon/Operational,1,1,,", csv[1]);
        Assert.EndsWith(",\"Image=C:\\a, \"\"b\"\".exe\"", csv[1]);
        Assert.Equal("", csv[^1]);
    }

    [SkippableFact]
    public void Evtx_dump_is_in_input_order_and_identical_on_one_or_two_threads()
    {
        var dir = SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES", "Lateral Movement");
        var one = Dump(new DumpCommand.Settings { Threads = 1, Quiet = true }, [dir]);
        var two = Dump(new DumpCommand.Settings { Threads = 2, Quiet = true }, [dir]);
        Assert.Equal(ExitCodes.Ok, one.Exit);
        Assert.Equal(one.Out, two.Out);
        var expected = EvidenceRun.Of(dir).Events.Count;
        Assert.Equal(expected, one.Out.Count(c => c == '\n'));

        var csv = Dump(new DumpCommand.Settings { Format = "csv", Quiet = true }, [dir]).Out;
        Assert.Equal(expected + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith('2') || l.StartsWith("Timestamp")));
    }
}
