using Huntsman.Lateral;
using Huntsman.Tests.Lineage;
using Xunit;

namespace Huntsman.Tests.Lateral;

public class EventClassifierTests
{
    private const string T = "FS01";

    private static Huntsman.Events.WinEvent Share(string share, string target, string mask, string access = "", string user = "admin", string ip = "10.1.1.5") =>
        Ev.Security(5145, T, 1, ("SubjectUserSid", "S-1-5-21-1-2-3-1104"), ("SubjectUserName", user), ("SubjectDomainName", "CORP"),
            ("SubjectLogonId", "0x5a3f10"), ("IpAddress", ip), ("IpPort", "50511"), ("ShareName", share), ("RelativeTargetName", target),
            ("AccessMask", mask), ("AccessList", access));

    [Theory]
    [InlineData("0x2", "")]
    [InlineData("0x00000002", "")]
    [InlineData("0x00120196", "")]
    [InlineData("0x0", "%%4417")]
    [InlineData("", "WriteData (or AddFile)")]
    public void Share_writes_are_seen_whatever_the_hex_padding_or_token_rendering(string mask, string access)
    {
        var o = EventClassifier.Classify(Share(@"\\*\ADMIN$", "PSEXESVC.exe", mask, access))!;
        Assert.Equal(ObservationKind.ShareWrite, o.Kind);
        Assert.Equal("psexec", o.Tool);
        Assert.True(o.Anchor);
        Assert.Equal(0x5a3f10, o.LogonId);
    }

    [Fact]
    public void Machine_accounts_and_loopback_writes_do_not_open_findings()
    {
        Assert.False(EventClassifier.Classify(Share(@"\\*\ADMIN$", "tool.exe", "0x2", user: "FS01$"))!.Anchor);
        Assert.False(EventClassifier.Classify(Share(@"\\*\C$", "tool.exe", "0x2", ip: "127.0.0.1"))!.Anchor);
        Assert.False(EventClassifier.Classify(Share(@"\\*\C$", "Users\\desktop.ini", "0x120089"))!.Anchor);
        Assert.Null(EventClassifier.Classify(Share(@"\\*\IPC$", "srvsvc", "0x12019f")));
    }

    [Fact]
    public void Tool_pipes_are_recognised_on_ipc_share_access()
    {
        Assert.Equal("remote-service", EventClassifier.Classify(Share(@"\\*\IPC$", "svcctl", "0x12019f"))!.Tool);
        Assert.Equal("remote-task", EventClassifier.Classify(Share(@"\\*\IPC$", "atsvc", "0x3"))!.Tool);
        Assert.Equal("impacket-psexec", EventClassifier.Classify(Share(@"\\*\IPC$", "RemCom_stdinXyZa12345", "0x12019f"))!.Tool);
        var renamed = EventClassifier.Classify(Share(@"\\*\IPC$", "blabla-NLLT108334-37048-stdin", "0x120196"))!;
        Assert.Equal(("psexec-renamed", "NLLT108334", 37048L), (renamed.Tool, renamed.SourceHost, renamed.SourcePid!.Value));
    }

    [Fact]
    public void Network_logon_keeps_ntlm_logon_process_with_trailing_space_and_ignores_anonymous()
    {
        var logon = EventClassifier.Classify(Ev.Security(4624, T, 1, ("LogonType", "3"), ("TargetUserName", "admmig"), ("TargetDomainName", "OFFSEC"),
            ("TargetLogonId", "0x0000000004da321f"), ("LogonProcessName", "NtLmSsp "), ("AuthenticationPackageName", "NTLM"),
            ("IpAddress", "10.23.123.11"), ("IpPort", "47020"), ("WorkstationName", "-")))!;
        Assert.Equal((0x4da321fL, "OFFSEC\\admmig", "NTLM", "10.23.123.11"), (logon.LogonId!.Value, logon.Account, logon.AuthPackage, logon.RemoteIp));
        Assert.Null(logon.Workstation);
        Assert.Null(EventClassifier.Classify(Ev.Security(4624, T, 1, ("LogonType", "3"), ("TargetUserName", "ANONYMOUS LOGON"))));
        Assert.Null(EventClassifier.Classify(Ev.Security(4624, T, 1, ("LogonType", "2"), ("TargetUserName", "admmig"))));
    }

    [Fact]
    public void Inbound_smb_is_read_in_both_sysmon_orientations()
    {
        var a = EventClassifier.Classify(Ev.Sysmon(3, T, 1, ("Image", "System"), ("Initiated", "false"), ("SourceIp", "10.0.2.17"), ("SourcePort", "50335"),
            ("DestinationIp", "10.0.2.15"), ("DestinationPort", "445")))!;
        var b = EventClassifier.Classify(Ev.Sysmon(3, T, 1, ("Image", "System"), ("Initiated", "false"), ("SourceIp", "10.0.2.15"), ("SourcePort", "445"),
            ("DestinationIp", "10.0.2.17"), ("DestinationPort", "50335")))!;
        Assert.Equal(("10.0.2.17", 50335), (a.RemoteIp, a.RemotePort!.Value));
        Assert.Equal(("10.0.2.17", 50335), (b.RemoteIp, b.RemotePort!.Value));
        var outbound = EventClassifier.Classify(Ev.Sysmon(3, "SRC", 1, ("Image", "System"), ("Initiated", "true"), ("SourceIp", "10.0.2.17"),
            ("SourcePort", "58391"), ("DestinationIp", "10.0.2.15"), ("DestinationHostname", "FS01"), ("DestinationPort", "445")))!;
        Assert.Equal((58391, "FS01"), (outbound.LocalPort!.Value, outbound.TargetHost));
    }

    [Fact]
    public void Service_binary_state_decodes_key_name_and_state()
    {
        Assert.Equal("PSEXESVC/4", EventClassifier.DecodeServiceBinary("UABTAEUAWABFAFMAVgBDAC8ANAAAAA=="));
        Assert.Equal("PSEXESVC/1", EventClassifier.DecodeServiceBinary("500053004500580045005300560043002F0031000000"));
        Assert.Null(EventClassifier.DecodeServiceBinary("not base64 !"));
    }

    [Theory]
    [InlineData(7045, "RemCom Service", @"%SystemRoot%\system32\RemComSvc.exe", "remcom")]
    [InlineData(4697, "RemComSvc", @"%SystemRoot%\system32\RemComSvc.exe", "remcom")]
    [InlineData(7045, "CSExec Service", "csexecsvc.exe", "csexec")]
    [InlineData(4697, "csexecsvc", "csexecsvc.exe", "csexec")]
    [InlineData(7045, "PAExec-7256-WORKSTATION5", @"C:\Windows\PAExec-7256-WORKSTATION5.exe", "paexec")]
    [InlineData(7045, "KgXItsbKgTJzdzwl", @"%SYSTEMROOT%\duKhLYUX.exe", "metasploit-psexec")]
    [InlineData(4697, "AbCd", @"%systemroot%\QwErTyUi.exe", "impacket-psexec")]
    [InlineData(7045, "XrTqPlmz", @"%COMSPEC% /Q /c echo whoami ^> \\FS01\C$\__output_abcdefgh 2^>^&1 > %SYSTEMROOT%\qWeRtYuI.bat & %COMSPEC% /Q /c %SYSTEMROOT%\qWeRtYuI.bat & del %SYSTEMROOT%\qWeRtYuI.bat", "impacket-smbexec")]
    public void Service_installs_name_their_tool_by_display_name_key_name_or_image(int id, string name, string image, string tool)
    {
        var e = id == 7045
            ? Ev.System(7045, T, 1, ("ServiceName", name), ("ImagePath", image))
            : Ev.Security(4697, T, 1, ("ServiceName", name), ("ServiceFileName", image), ("SubjectUserName", "admin"), ("SubjectDomainName", "CORP"));
        var o = EventClassifier.Classify(e)!;
        Assert.Equal(tool, o.Tool);
        Assert.True(o.Anchor);
    }

    [Theory]
    [InlineData("PDQDeployRunner-1", @"C:\Windows\AdminArsenal\PDQDeployRunner\service-1\PDQDeployRunner-1.exe")]
    [InlineData("Veeam Guest Helper", @"C:\Windows\VeeamVssSupport\VeeamGuestHelper.exe")]
    [InlineData("Pathfinder", @"""C:\Users\tony\AppData\Local\Temp\pathfinder.exe""")]
    public void Ordinary_service_installs_do_not_open_findings(string name, string image) =>
        Assert.False(EventClassifier.Classify(Ev.System(7045, T, 1, ("ServiceName", name), ("ImagePath", image)))!.Anchor);

    [Fact]
    public void Getsystem_pipe_impersonation_service_is_not_remote_execution() =>
        Assert.Null(EventClassifier.Classify(Ev.System(7045, T, 1, ("ServiceName", "hgabms"), ("ImagePath", @"cmd.exe /c echo hgabms > \\.\pipe\hgabms"))));
}
