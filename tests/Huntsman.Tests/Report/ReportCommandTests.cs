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
            Assert.Contains("T1569.002 ×2", text);                       // the detection and the lateral finding
            Assert.Contains("<td>System</td><td class=\"num\" data-num=\"7045\">", text); // telemetry row of the host
            using var json = JsonDocument.Parse(File.ReadAllBytes(layer));
            Assert.Contains(json.RootElement.GetProperty("techniques").EnumerateArray(),
                t => t.GetProperty("techniqueID").GetString() == "T1569.002" && t.GetProperty("score").GetInt32() == 1);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [SkippableFact]
    public void Report_holds_lateral_movement_and_process_trees_from_the_hunt()
    {
        var renamed = SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES", "Lateral Movement", "LM_renamed_psexecsvc_5145.evtx");
        var wmiexec = SharedData.Path_("evtx", "hayabusa-sample-evtx", "EVTX-to-MITRE-Attack", "EVTX_full_APT_attack_steps",
            "ID4688,5140,5145-WMIexec execution via SMB (GLOBAL).evtx");
        var dir = Directory.CreateTempSubdirectory("huntsman-report-cmd-").FullName;
        try
        {
            var html = Path.Combine(dir, "report.html");
            Assert.Equal(0, new ReportCommand().Execute(null!, new ReportCommand.Settings { Paths = [renamed, wmiexec], Output = html, Quiet = true, Threads = 1 }, default));
            var text = File.ReadAllText(html);
            Assert.Contains("<td>NLLT108334</td><td>IEWIN7</td>", text);                      // renamed PsExec, source named by its stdio pipes
            Assert.Contains(">NLLT108334</text>", text);                                     // graph node
            Assert.Contains("Impacket WMIExec Command <span class=\"muted\">on srvdefender01.offsec.lan</span>", text);
            Assert.Matches("<span class=\"proc\" title=\"[^\"]*WmiPrvSE.exe\">WmiPrvSE.exe</span>.*?<li class=\"flagged\"><span class=\"proc\"[^>]*>cmd.exe</span>", text);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
