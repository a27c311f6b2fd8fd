using Huntsman.Lineage;
using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lineage;

/// <summary>Process chains rebuilt from real Sysmon logs.</summary>
public class SharedLineageTests
{
    private static ProcessForest Forest(params string[] path)
    {
        var b = new ProcessTreeBuilder();
        foreach (var e in EvidenceRun.Of(SharedData.Path_(path)).Events) b.Observe(e);
        return b.Build();
    }

    [SkippableFact]
    public void Office_named_host_process_spawning_rundll32_is_rebuilt()
    {
        // wwlib.dll side-loaded into a copied WINWORD.exe, which starts rundll32.exe without arguments (injection host).
        var forest = Forest("evtx", "EVTX-ATTACK-SAMPLES", "AutomatedTestingTools", "Malware", "sideloading_uacbypass_rundll32_injection_c2.evtx");
        var rundll = Assert.Single(forest.Nodes("MSEDGEWIN10"), n => n.ImageName == "rundll32.exe" && n.ProcessId == 840);
        Assert.Equal(["rundll32.exe", "WINWORD.exe", "test.exe", "dllhost.exe"], ProcessForest.Ancestry(rundll).Select(s => s.Image.Split('\\')[^1]));
        Assert.Equal("C:\\Users\\IEUser\\AppData\\Roaming\\WINWORD.exe --xStart", rundll.Parent!.CommandLine);
    }

    [SkippableFact]
    public void Maldoc_chain_via_shell_browser_window_runs_mshta_then_rundll32()
    {
        // WINWORD opens the document; ShellBrowserWindow (DCOM) makes explorer the parent of mshta, which runs rundll32.
        var forest = Forest("evtx", "EVTX-ATTACK-SAMPLES", "Other", "maldoc_mshta_via_shellbrowserwind_rundll32.evtx");
        var rundll = Assert.Single(forest.Nodes("MSEDGEWIN10"), n => n.ImageName == "rundll32.exe");
        Assert.Equal(["rundll32.exe", "mshta.exe", "explorer.exe"], ProcessForest.Ancestry(rundll).Select(s => s.Image.Split('\\')[^1]));
        var explorer = rundll.Parent!.Parent!;
        Assert.Contains(explorer.Children, c => c.ImageName == "WINWORD.EXE" && c.CommandLine!.Contains("stats.doc"));
    }

    [SkippableFact]
    public void Wmiexec_commands_hang_under_a_synthesised_wmiprvse()
    {
        var forest = Forest("evtx", "EVTX-ATTACK-SAMPLES", "Lateral Movement", "smbmap_upload_exec_sysmon.evtx");
        var roots = forest.Roots("MSEDGEWIN10");
        var wmi = Assert.Single(roots, r => r.ImageName.Equals("WmiPrvSE.exe", StringComparison.OrdinalIgnoreCase));
        Assert.True(wmi.Synthetic);
        Assert.Equal(3, wmi.Children.Count);
        Assert.All(wmi.Children, c => Assert.Contains(@"\\127.0.0.1\C$\WqEVwJZYOe", c.CommandLine));
    }
}
