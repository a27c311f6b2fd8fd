using Huntsman.Events;
using Huntsman.Lateral;
using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lateral;

/// <summary>The built-in samples/psexec-two-hosts scenario, read through the real JSON reader.</summary>
public class TwoHostSampleTests
{
    private static readonly List<WinEvent> Events = EvidenceRun.Of(Samples.Folder("psexec-two-hosts")).Events;

    internal static List<LateralFinding> Detect(IEnumerable<WinEvent> events, LateralAllowlist? allowlist = null)
    {
        var d = new LateralMovementDetector(allowlist);
        foreach (var e in events) d.Observe(e);
        return d.Finish();
    }

    [Fact]
    public void Both_ends_link_into_one_finding()
    {
        var f = Assert.Single(Detect(Events));
        Assert.Equal(("lateral_movement", "psexec", "FS01.corp.example"), (f.Kind, f.Tool, f.TargetHost));
        Assert.Equal(("HR-PC-07.corp.example", "10.10.20.57", 5124L), (f.SourceHost, f.SourceIp, f.SourcePid!.Value));
        Assert.Equal(@"CORP\admin", f.Account);
        Assert.Equal(["0x5a3f10", "0x5a3f52"], f.LogonIds);
        Assert.Equal(("3", "Kerberos"), (f.LogonType, f.AuthPackage));
        Assert.Equal(("PSEXESVC", @"%SystemRoot%\PSEXESVC.exe"), (f.ServiceName, f.ServiceImage));
        Assert.Equal(["T1021.002", "T1569.002", "T1570", "T1543.003"], f.Attack);
        Assert.Equal("high", f.Confidence);
        Assert.Contains("PSEXESVC-HR-PC-07-5124-stdin", f.Pipes);
        Assert.Contains(f.Reasons, r => r.StartsWith("linked to the source end: stdio pipe names source host HR-PC-07 and PID 5124", StringComparison.Ordinal));
        // Both hosts' events are in the evidence list.
        Assert.Contains(f.Evidence, e => e.Host == "HR-PC-07.corp.example" && e.EventId == 4648);
        Assert.Contains(f.Evidence, e => e.Host == "FS01.corp.example" && e.EventId == 7045);
    }

    [Fact]
    public void Source_chain_is_office_to_rundll32_to_encoded_powershell_to_psexec()
    {
        var f = Assert.Single(Detect(Events));
        Assert.Equal(["PsExec.exe", "powershell.exe", "rundll32.exe", "WINWORD.EXE", "explorer.exe"], f.SourceProcess.Select(s => s.Image.Split('\\')[^1]));
        Assert.Contains("-enc ", f.SourceProcess[1].CommandLine);
    }

    [Fact]
    public void Commands_on_the_target_are_the_service_process_tree()
    {
        var svc = Assert.Single(Assert.Single(Detect(Events)).Commands);
        Assert.Equal(@"C:\Windows\PSEXESVC.exe", svc.Image);
        var cmd = Assert.Single(svc.Children);
        Assert.Equal(["whoami", "net  user"], cmd.Children.Select(c => c.CommandLine));
        Assert.Equal("net1.exe", Assert.Single(cmd.Children[1].Children).Image.Split('\\')[^1]);
    }

    [Fact]
    public void Any_feeding_order_gives_the_same_json()
    {
        string Json(IEnumerable<WinEvent> events)
        {
            using var ms = new MemoryStream();
            FindingJsonWriter.WriteLines(ms, Detect(events));
            return System.Text.Encoding.UTF8.GetString(ms.ToArray());
        }
        var expected = Json(Events);
        var shuffled = Events.ToList();
        new Random(7).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));
        Assert.Equal(expected, Json(shuffled));
        Assert.Equal(expected, Json(Enumerable.Reverse(Events)));
    }

    [Fact]
    public void Jsonl_uses_the_documented_snake_case_keys()
    {
        using var ms = new MemoryStream();
        FindingJsonWriter.WriteLines(ms, Detect(Events));
        using var doc = System.Text.Json.JsonDocument.Parse(ms.ToArray());
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["kind", "tool", "attack", "source_host", "source_ip", "source_pid", "target_host", "account", "logon_ids", "logon_type",
            "auth_package", "start", "end", "service_name", "service_image", "pipes", "source_process", "commands", "confidence", "reasons", "evidence"], keys);
        var ev = doc.RootElement.GetProperty("evidence")[0];
        Assert.Equal(["host", "time", "file", "record_id", "event_id", "summary"], ev.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Target_end_alone_still_names_the_source_from_the_pipe()
    {
        var f = Assert.Single(Detect(Events.Where(e => e.Computer.StartsWith("FS01", StringComparison.Ordinal))));
        Assert.Equal(("HR-PC-07", 5124L, "10.10.20.57"), (f.SourceHost, f.SourcePid!.Value, f.SourceIp));
        Assert.Empty(f.SourceProcess);
    }

    [Fact]
    public void Source_end_alone_is_reported_against_the_named_target()
    {
        var f = Assert.Single(Detect(Events.Where(e => e.Computer.StartsWith("HR-PC-07", StringComparison.Ordinal))));
        Assert.Equal(("lateral_movement", "psexec", "FS01", "HR-PC-07.corp.example"), (f.Kind, f.Tool, f.TargetHost, f.SourceHost));
        Assert.Equal(@"CORP\admin", f.Account);
        Assert.Equal("medium", f.Confidence);
    }
}
