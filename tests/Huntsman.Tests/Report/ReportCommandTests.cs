using System.Text.Json;
using Huntsman.Cli.Commands;
using Xunit;

namespace Huntsman.Tests.Report;

public class ReportCommandTests
{
    [SkippableFact]
    public void Writes_the_report_and_layer_for_a_psexec_sample()
    {
        var sample = SharedData.Path_("evtx", "hayabusa-sample-evtx", "EVTX-to-MITRE-Attack", "TA0003-Persistence",
            "T1543.003-Create or Modify System Process-Windows Service", "ID7045-7036 PSexec service installation.evtx");
        var dir = Directory.CreateTempSubdirectory("huntsman-report-cmd-").FullName;
        try
        {
            var html = Path.Combine(dir, "report.html");
            var layer = Path.Combine(dir, "layer.json");
            var exit = new ReportCommand().Execute(null!, new ReportCommand.Settings { Paths = [sample], Output = html, Navigator = layer, Quiet = true, Threads = 1 }, default);

            Assert.Equal(0, exit);
            var text = File.ReadAllText(html);
            Assert.Contains("PsExec Service Installed (System 7045)", text);
            Assert.Contains("T1569.002 ×1", text);
            Assert.Contains("<td>System</td><td class=\"num\" data-num=\"7045\">", text); // telemetry row of the host
            using var json = JsonDocument.Parse(File.ReadAllBytes(layer));
            Assert.Contains(json.RootElement.GetProperty("techniques").EnumerateArray(),
                t => t.GetProperty("techniqueID").GetString() == "T1569.002" && t.GetProperty("score").GetInt32() == 1);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
