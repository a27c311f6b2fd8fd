using Huntsman.Lateral;
using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lateral;

/// <summary>
/// Every PsExec-family file of shared/data/README.md ("PsExec-style lateral movement") plus the ATexec sample of
/// psexec.md §7: the expected finding per file, read from the events themselves (see docs/lateral.md for why).
/// </summary>
public class SharedPsExecFilesTests
{
    private const string Mitre = "evtx/hayabusa-sample-evtx/EVTX-to-MITRE-Attack/";

    public record Expected(string Kind, string Tool, string Target, string? SourceHost, string? SourceIp, string? Account, int Count = 1);

    public static TheoryData<string, Expected?> Files() => new()
    {
        { "evtx/DeepBlueCLI/evtx/metasploit-psexec-native-target-security.evtx", new("lateral_movement", "metasploit-psexec", "IE10Win7", null, null, null) },
        { "evtx/DeepBlueCLI/evtx/metasploit-psexec-native-target-system.evtx", new("lateral_movement", "metasploit-psexec", "IE10Win7", null, null, @"IE10WIN7\IEUser") },
        // Only a loopback network logon (127.0.0.1) survives in this file: no remote execution is visible.
        { "evtx/DeepBlueCLI/evtx/metasploit-psexec-pwshpayload.evtx", null },
        { "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement/LM_Remote_Service01_5145_svcctl.evtx", new("lateral_movement", "remote-service", "WIN-77LTAPHIQ1R.example.corp", null, "10.0.2.17", @"EXAMPLE\Administrator") },
        { "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement/LM_renamed_psexecsvc_5145.evtx", new("lateral_movement", "psexec-renamed", "IEWIN7", "NLLT108334", "10.0.2.16", @"IEWIN7\IEUser") },
        { "evtx/EVTX-ATTACK-SAMPLES/Privilege Escalation/sysmon_privesc_psexec_dwell.evtx", new("local_execution", "psexec-renamed", "MSEDGEWIN10", "MSEDGEWIN10", null, @"MSEDGEWIN10\user02") },
        { "evtx/hayabusa-sample-evtx/EVTX-ATTACK-SAMPLES/Lateral Movement/LM_5145_4674_SVCCTL.evtx", new("local_execution", "remote-service", "WIN-5823BM4EN8O.mahdihtm.local", "WIN-5823BM4EN8O.mahdihtm.local", null, null) },
        { Mitre + "EVTX_full_APT_attack_steps/ID11,13,17,18-PSexec as system execution.evtx", new("local_execution", "psexec", "fs03vuln.offsec.lan", "FS03VULN", null, @"OFFSEC\admmig") },
        { Mitre + "EVTX_full_APT_attack_steps/ID4624,4688,5140,5145-Eternal Romance - MS17_010_psexec (GLOBAL).evtx", new("lateral_movement", "metasploit-psexec", "fs03vuln.offsec.lan", null, "10.23.123.11", @"OFFSEC\admmig") },
        { Mitre + "TA0003-Persistence/T1543.003-Create or Modify System Process-Windows Service/ID7045-7036 PSexec service installation.evtx", new("lateral_movement", "psexec", "jump01.offsec.lan", null, null, @"OFFSEC\admmig") },
        { Mitre + "TA0003-Persistence/T1543.003-Create or Modify System Process-Windows Service/ID4688-Command SC to create service on remote host.evtx", new("lateral_movement", "remote-service", "fs02", "jump01.offsec.lan", null, @"OFFSEC\admmig") },
        { Mitre + "TA0003-Persistence/T1543.003-Create or Modify System Process-Windows Service/ID4697-MSF payload deployed via service.evtx", new("lateral_movement", "metasploit-psexec", "srvdefender01.offsec.lan", null, null, @"OFFSEC\admmig") },
        { Mitre + "TA0005-Defense Evasion/T1112-Modify registry/ID11,13-SMBexec service registration.evtx", new("lateral_movement", "impacket-smbexec", "fs02.offsec.lan", null, null, null) },
        { Mitre + "TA0002-Execution/T1053.005-Scheduled Task/ID4698-4699-Fast created & deleted task by SMBexec (sups. arg.).evtx", new("lateral_movement", "remote-task", "fs02.offsec.lan", null, null, @"OFFSEC\admmig") },
        { Mitre + "TA0002-Execution/T1569.002-Service execution/ID5145-remote service creation over SMB.evtx", new("lateral_movement", "remote-service", "srvdefender01.offsec.lan", null, "10.23.123.11", @"OFFSEC\admmig") },
        { Mitre + "TA0008-Lateral Movement/T1021.002-SMB Windows Admin Shares/ID5145-remote shell execution via SMB admin share.evtx", new("lateral_movement", "remote-service", "srvdefender01.offsec.lan", null, "10.23.123.11", @"OFFSEC\admmig") },
        { Mitre + "TA0002-Execution/T1569.002-Service execution/ID5145-service massive remote creation via named pipe - Tchopper.evtx", new("lateral_movement", "remote-service", "FS03.offsec.lan", null, "10.23.23.9", @"OFFSEC\admmig") },
        { Mitre + "TA0002-Execution/T1569.002-Service execution/ID7009-Service deployment time out (meterpreter).evtx", new("lateral_movement", "metasploit-psexec", "FS03.offsec.lan", null, null, null, 3) },
        { Mitre + "EVTX_full_APT_attack_steps/ID4688,5140,5145-WMIexec execution via SMB (GLOBAL).evtx", new("lateral_movement", "impacket-wmiexec", "srvdefender01.offsec.lan", null, "10.23.123.11", @"OFFSEC\admmig") },
        // Despite its name this file holds smbexec's service command (parent command line echoes into __output).
        { Mitre + "TA0002-Execution/T1047-Windows Management Instrumentation/ID1-WMIexec process execution.evtx", new("lateral_movement", "impacket-smbexec", "fs02.offsec.lan", null, null, null) },
        { "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement/LM_5145_Remote_FileCopy.evtx", new("lateral_movement", "admin-share-access", "PC01.example.corp", null, "10.0.2.15", @"EXAMPLE\Administrator") },
        { "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement/smbmap_upload_exec_sysmon.evtx", new("lateral_movement", "impacket-wmiexec", "MSEDGEWIN10", "LAPTOP-JU4M3I0E", "10.0.2.15", @"MSEDGEWIN10\Administrator") },
        { Mitre + "TA0008-Lateral Movement/T1021.002-SMB Windows Admin Shares/ID4688-4648 Lateral movement with net use.evtx", new("lateral_movement", "admin-share-access", "fs03vuln.offsec.lan", "FS03.offsec.lan", null, @"OFFSEC.LAN\hack1") },
        // "net share" lists local shares (discovery, T1135): nothing moves.
        { Mitre + "TA0008-Lateral Movement/T1021.002-SMB Windows Admin Shares/ID4688-Network share manipulation via commandline.evtx", null },
        { Mitre + "EVTX_full_APT_attack_steps/ID4688,4698,4699,5145,4624-ATexec remote trask creation (GLOBAL).evtx", new("lateral_movement", "impacket-atexec", "fs01.offsec.lan", null, "10.23.123.11", @"OFFSEC\admmig") },
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void Each_file_gives_the_expected_finding(string file, Expected? expected)
    {
        var events = EvidenceRun.Of(SharedData.Path_(file.Split('/'))).Events;
        Assert.NotEmpty(events);
        var findings = TwoHostSampleTests.Detect(events);
        if (expected is null)
        {
            Assert.Empty(findings);
            return;
        }
        Assert.Equal(expected.Count, findings.Count);
        foreach (var f in findings)
        {
            Assert.Equal((expected.Kind, expected.Tool, expected.Target), (f.Kind, f.Tool, f.TargetHost));
            Assert.Equal((expected.SourceHost, expected.SourceIp, expected.Account), (f.SourceHost, f.SourceIp, f.Account));
            Assert.NotEmpty(f.Evidence);
            Assert.NotEmpty(f.Reasons);
            Assert.All(f.Evidence, e => Assert.EndsWith(".evtx", e.File));
        }
    }

    [SkippableFact]
    public void Pipes_give_source_pid_and_renamed_service_name()
    {
        var events = EvidenceRun.Of(SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES", "Lateral Movement", "LM_renamed_psexecsvc_5145.evtx")).Events;
        var f = Assert.Single(TwoHostSampleTests.Detect(events));
        Assert.Equal((37048L, "blabla"), (f.SourcePid!.Value, f.ServiceName));
        Assert.Contains("T1036.003", f.Attack);
        Assert.Equal(["0x162630"], f.LogonIds);
    }

    [SkippableFact]
    public void Local_psexec_keeps_its_system_child_and_source_pid()
    {
        var events = EvidenceRun.Of(SharedData.Path_("evtx", "hayabusa-sample-evtx", "EVTX-to-MITRE-Attack", "EVTX_full_APT_attack_steps",
            "ID11,13,17,18-PSexec as system execution.evtx")).Events;
        var f = Assert.Single(TwoHostSampleTests.Detect(events));
        Assert.Equal(2124, f.SourcePid);
        Assert.DoesNotContain("T1021.002", f.Attack);
        Assert.Equal(["T1569.002", "T1543.003"], f.Attack);
        var cmd = Assert.Single(f.Commands);
        Assert.Equal((@"C:\Windows\System32\cmd.exe", @"NT AUTHORITY\SYSTEM"), (cmd.Image, cmd.User));
    }
}
