using Huntsman.Events;
using Huntsman.Lineage;
using Xunit;

namespace Huntsman.Tests.Lineage;

public class ProcessTreeBuilderTests
{
    private const string H = "HR-PC-07";

    private static ProcessForest Build(IEnumerable<WinEvent> events)
    {
        var b = new ProcessTreeBuilder();
        foreach (var e in events) b.Observe(e);
        return b.Build();
    }

    private static List<WinEvent> OfficeChain() =>
    [
        Ev.SysmonStart(H, 1, "{A1}", 7340, @"C:\Office\WINWORD.EXE", null, "{A0}", 4012, @"C:\Windows\explorer.exe"),
        Ev.SysmonStart(H, 2, "{A2}", 6616, @"C:\Windows\System32\rundll32.exe", "rundll32.exe x.dll,Go", "{A1}", 7340, @"C:\Office\WINWORD.EXE"),
        Ev.SysmonStart(H, 3, "{A3}", 2288, @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe -enc SQBFAFgA", "{A2}", 6616,
            @"C:\Windows\System32\rundll32.exe"),
    ];

    [Fact]
    public void Ancestry_of_a_sysmon_process_lists_it_first_then_its_parents_up_to_a_synthesised_root()
    {
        var events = OfficeChain();
        var forest = Build(events);
        var chain = forest.AncestryOf(events[2]).Select(s => s.Image.Split('\\')[^1]).ToList();
        Assert.Equal(["powershell.exe", "rundll32.exe", "WINWORD.EXE", "explorer.exe"], chain);
        var root = Assert.Single(forest.Roots(H));
        Assert.True(root.Synthetic);
        Assert.Equal(4012, root.ProcessId);
    }

    [Fact]
    public void Order_of_observation_does_not_matter()
    {
        var events = OfficeChain();
        events.Reverse();
        var forest = Build(events);
        var ps = forest.FindByGuid(H, "{A3}")!;
        Assert.Equal("WINWORD.EXE", ps.Parent!.Parent!.ImageName);
    }

    [Fact]
    public void Pid_reuse_is_resolved_by_time_and_process_end()
    {
        // PID 0x500 is cmd.exe first (ends at 20 s), then notepad.exe; a child at 30 s belongs to notepad.
        var forest = Build(
        [
            Ev.SecurityStart(H, 10, 0x500, @"C:\Windows\System32\cmd.exe", 0x100, @"C:\Windows\explorer.exe"),
            Ev.SecurityStart(H, 12, 0x600, @"C:\Windows\System32\whoami.exe", 0x500, @"C:\Windows\System32\cmd.exe"),
            Ev.SecurityEnd(H, 20, 0x500, @"C:\Windows\System32\cmd.exe"),
            Ev.SecurityStart(H, 25, 0x500, @"C:\Windows\System32\notepad.exe", 0x100, @"C:\Windows\explorer.exe"),
            Ev.SecurityStart(H, 30, 0x700, @"C:\Windows\System32\calc.exe", 0x500, @"C:\Windows\System32\notepad.exe"),
        ]);
        Assert.Equal("cmd.exe", forest.FindByPid(H, 0x600, Ev.T0.AddSeconds(13))!.Parent!.ImageName);
        Assert.Equal("notepad.exe", forest.FindByPid(H, 0x700, Ev.T0.AddSeconds(31))!.Parent!.ImageName);
        Assert.Equal("cmd.exe", forest.FindByPid(H, 0x500, Ev.T0.AddSeconds(15))!.ImageName);
        Assert.Equal("notepad.exe", forest.FindByPid(H, 0x500, Ev.T0.AddSeconds(26))!.ImageName);
    }

    [Fact]
    public void A_reused_pid_whose_image_contradicts_parent_image_is_not_taken_as_parent()
    {
        var forest = Build(
        [
            Ev.SecurityStart(H, 10, 0x500, @"C:\Windows\System32\notepad.exe", 0x100, @"C:\Windows\explorer.exe"),
            Ev.SecurityStart(H, 30, 0x700, @"C:\Windows\System32\whoami.exe", 0x500, @"C:\Windows\System32\cmd.exe"),
        ]);
        var whoami = forest.FindByPid(H, 0x700, Ev.T0.AddSeconds(31))!;
        Assert.True(whoami.Parent!.Synthetic);
        Assert.Equal("cmd.exe", whoami.Parent.ImageName);
    }

    [Fact]
    public void Sysmon_and_security_views_of_one_process_merge()
    {
        var forest = Build(
        [
            Ev.SysmonStart(H, 10.000, "{B1}", 3344, @"C:\Windows\PSEXESVC.exe", null, "{B0}", 620, @"C:\Windows\System32\services.exe", "NT AUTHORITY\\SYSTEM"),
            Ev.SecurityStart(H, 10.004, 3344, @"C:\Windows\PSEXESVC.exe", 620, @"C:\Windows\System32\services.exe"),
            Ev.SecurityStart(H, 11, 4410, @"C:\Windows\System32\cmd.exe", 3344, @"C:\Windows\PSEXESVC.exe"),
        ]);
        var svc = Assert.Single(forest.Nodes(H), n => n.ImageName == "PSEXESVC.exe");
        Assert.Equal(2, svc.StartEvents.Count);
        Assert.Equal("cmd.exe", Assert.Single(svc.Children).ImageName);
    }

    [Fact]
    public void Orphans_with_the_same_unseen_parent_share_one_synthesised_node()
    {
        var forest = Build(
        [
            Ev.SysmonStart(H, 1, "{C1}", 11, @"C:\a.exe", null, "{C0}", 10, @"C:\parent.exe"),
            Ev.SysmonStart(H, 2, "{C2}", 12, @"C:\b.exe", null, "{C0}", 10, @"C:\parent.exe"),
        ]);
        var root = Assert.Single(forest.Roots(H));
        Assert.Equal(["a.exe", "b.exe"], root.Children.Select(c => c.ImageName));
    }

    [Fact]
    public void Non_process_events_resolve_their_acting_process_by_guid_or_by_pid_at_time()
    {
        var events = OfficeChain();
        var forest = Build(events);
        var byGuid = Ev.Sysmon(3, H, 5, ("ProcessGuid", "{A3}"), ("ProcessId", "2288"), ("DestinationPort", "443"));
        Assert.Equal("powershell.exe", forest.AncestryOf(byGuid)[0].Image.Split('\\')[^1]);
        var byPid = Ev.Sysmon(11, H, 5, ("ProcessId", "6616"), ("TargetFilename", @"C:\x"));
        Assert.Equal("rundll32.exe", forest.AncestryOf(byPid)[0].Image.Split('\\')[^1]);
        Assert.Empty(forest.AncestryOf(Ev.Sysmon(11, H, 0.5, ("ProcessId", "6616"))));
    }

    [Fact]
    public void Hostile_parent_cycles_and_self_parents_terminate()
    {
        var forest = Build(
        [
            Ev.SysmonStart(H, 1, "{D1}", 1, @"C:\x.exe", null, "{D1}", 1, @"C:\x.exe"),
            Ev.SysmonStart(H, 2, "{D2}", 2, @"C:\y.exe", null, "{D3}", 3, @"C:\z.exe"),
            Ev.SysmonStart(H, 3, "{D3}", 3, @"C:\z.exe", null, "{D2}", 2, @"C:\y.exe"),
        ]);
        foreach (var n in forest.Nodes(H))
            Assert.InRange(ProcessForest.Ancestry(n).Count, 1, 64);
    }
}
