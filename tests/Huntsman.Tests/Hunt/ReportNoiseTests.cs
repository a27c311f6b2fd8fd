using Huntsman.Cli.Commands;
using Huntsman.Report.Html;
using Xunit;

namespace Huntsman.Tests.Hunt;

public class ReportNoiseTests
{
    private static string Sample()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root.GetFiles("*.slnx").Length == 0) root = root.Parent!;
        return Path.Combine(root.FullName, "samples", "psexec-two-hosts");
    }

    [Fact]
    public void Report_lists_what_the_allowlist_suppressed_and_the_blind_spots()
    {
        var dir = Directory.CreateTempSubdirectory("huntsman-report-noise-").FullName;
        try
        {
            var allow = Path.Combine(dir, "allow.yml");
            File.WriteAllText(allow, """
                version: 1
                entries:
                  - id: lab-psexesvc-pipes
                    reason: lab host runs PsExec on purpose
                    owner: test
                    scope:
                      kinds: [sigma]
                    match:
                      PipeName|startswith: '\PSEXESVC'
                """);
            var html = Path.Combine(dir, "r.html");
            Assert.Equal(0, new ReportCommand().Execute(null!, new ReportCommand.Settings { Paths = [Sample()], Output = html, Allowlists = [allow], Quiet = true }, default));
            var text = File.ReadAllText(html);
            Assert.Contains("<section id=\"suppressed\">", text);
            Assert.Contains("<td>lab-psexesvc-pipes</td><td>lab host runs PsExec on purpose</td><td>sigma</td>", text);
            Assert.Contains("<h3>Blind spots</h3>", text);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Blind_spots_and_suppressed_items_are_escaped()
    {
        const string hostile = "<script>alert(1)</script>\"onerror=alert(1) x=\"";
        var model = new ReportModel
        {
            BlindSpots = [hostile],
            Suppressed = [new SuppressedItem(hostile, hostile, hostile, hostile)],
        };
        var w = new StringWriter();
        HtmlReportWriter.Write(model, w);
        var text = w.ToString();
        Assert.DoesNotContain("<script>alert(1)", text);
        Assert.DoesNotContain("\"onerror=alert(1)", text);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", text);
    }
}
