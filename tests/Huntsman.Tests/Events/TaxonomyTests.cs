using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Xunit;

namespace Huntsman.Tests.Events;

public class TaxonomyTests
{
    private static WinEvent Security(int id, params (string Name, string Value)[] fields)
    {
        var e = new WinEvent { EventId = id, Channel = "Security", Computer = "DC01" };
        foreach (var (n, v) in fields) e.Add(n, v);
        return e;
    }

    [Fact]
    public void Process_creation_4688_resolves_sysmon_names_without_shadowing_payload()
    {
        var e = Security(4688, ("NewProcessName", @"C:\x\a.exe"), ("ProcessId", "0x10"), ("ParentProcessName", @"C:\x\p.exe"),
            ("SubjectUserName", "alice"), ("SubjectDomainName", "CORP"), ("TargetUserName", "-"), ("SubjectLogonId", "0x3e7"),
            ("TargetLogonId", "0x0"), ("MandatoryLabel", "S-1-16-12288"));
        Assert.Equal(@"C:\x\a.exe", e.Get("Image"));
        Assert.Equal(@"C:\x\p.exe", e.Get("ParentImage"));
        Assert.Equal("0x10", e.Get("ParentProcessId"));
        Assert.Equal("0x10", e.Get("ProcessId")); // the payload field wins: 4688's ProcessId is the creator
        Assert.Equal(@"CORP\alice", e.Get("User"));
        Assert.Equal("0x3e7", e.Get("LogonId"));
        Assert.Equal("High", e.Get("IntegrityLevel"));
        Assert.Null(new WinEvent { EventId = 4688, Channel = "Application" }.Get("Image"));
    }

    [Fact]
    public void Wfp_registry_and_service_aliases()
    {
        var wfp = Security(5156, ("Application", @"\device\harddiskvolume2\x.exe"), ("DestAddress", "10.0.0.9"), ("DestPort", "445"),
            ("SourceAddress", "10.0.0.5"), ("SourcePort", "50000"), ("Protocol", "6"), ("Direction", "%%14593"), ("ProcessID", "4"));
        Assert.Equal("10.0.0.9", wfp.Get("DestinationIp"));
        Assert.Equal("445", wfp.Get("DestinationPort"));
        Assert.True(NetworkConnection.TryFrom(wfp, out var net));
        Assert.Equal("tcp", net.Protocol);
        Assert.True(net.Initiated);
        Assert.Equal(4, net.ProcessId);

        var reg = Security(4657, ("ObjectName", @"\REGISTRY\MACHINE\SYSTEM\CurrentControlSet\Services\X"), ("ObjectValueName", "ImagePath"),
            ("NewValue", "x.exe"), ("ProcessName", @"C:\Windows\System32\services.exe"), ("ProcessId", "0x2a0"), ("OperationType", "%%1905"));
        Assert.Equal(@"\REGISTRY\MACHINE\SYSTEM\CurrentControlSet\Services\X", reg.Get("TargetObject"));
        Assert.True(RegistryEvent.TryFrom(reg, out var r));
        Assert.Equal(@"\REGISTRY\MACHINE\SYSTEM\CurrentControlSet\Services\X\ImagePath", r.TargetObject);
        Assert.Equal(0x2a0, r.ProcessId);

        var s4697 = Security(4697, ("ServiceName", "PSEXESVC"), ("ServiceFileName", @"%SystemRoot%\PSEXESVC.exe"), ("ServiceType", "0x10"),
            ("ServiceStartType", "3"), ("ServiceAccount", "LocalSystem"), ("SubjectUserName", "admin"), ("SubjectDomainName", "CORP"));
        Assert.Equal(@"%SystemRoot%\PSEXESVC.exe", s4697.Get("ImagePath"));
        Assert.True(ServiceInstall.TryFrom(s4697, out var svc));
        Assert.Equal("user mode service", svc.ServiceType);
        Assert.Equal("demand start", svc.StartType);
        Assert.False(svc.NameIsDisplayName);

        var s7045 = new WinEvent { EventId = 7045, Channel = "System", Computer = "WS" };
        s7045.Add("ServiceName", "PSEXESVC"); s7045.Add("ImagePath", @"%SystemRoot%\PSEXESVC.exe");
        s7045.Add("ServiceType", "user mode service"); s7045.Add("StartType", "demand start"); s7045.Add("AccountName", "LocalSystem");
        Assert.Equal(@"%SystemRoot%\PSEXESVC.exe", s7045.Get("ServiceFileName"));
        Assert.True(ServiceInstall.TryFrom(s7045, out var svc2));
        Assert.Equal(svc.ServiceType, svc2.ServiceType);
        Assert.Equal(svc.StartType, svc2.StartType);
        Assert.True(svc2.NameIsDisplayName);
    }

    [Fact]
    public void Logon_pipe_and_share_views()
    {
        var logon = Security(4624, ("TargetUserName", "bob"), ("TargetDomainName", "CORP"), ("TargetLogonId", "0x1234"), ("LogonType", "3"),
            ("IpAddress", "10.0.0.5"), ("WorkstationName", "-"), ("AuthenticationPackageName", "NTLM"));
        Assert.True(LogonEvent.TryFrom(logon, out var l));
        Assert.Equal(LogonKind.Success, l.Kind);
        Assert.Equal(@"CORP\bob", l.TargetUser);
        Assert.Null(l.Workstation);
        Assert.Equal("NTLM", l.AuthenticationPackage);
        Assert.True(LogonEvent.TryFrom(Security(4672, ("SubjectUserName", "bob"), ("SubjectDomainName", "CORP"), ("SubjectLogonId", "0x1234")), out var priv));
        Assert.Equal(LogonKind.SpecialPrivileges, priv.Kind);
        Assert.Equal("0x1234", priv.TargetLogonId);

        var pipe = new WinEvent { EventId = 17, Channel = Channels.Sysmon };
        pipe.Add("PipeName", @"\PSEXESVC-WS01-1234-stdin"); pipe.Add("Image", "System"); pipe.Add("ProcessId", "4");
        Assert.True(PipeEvent.TryFrom(pipe, out var p));
        Assert.True(p.Created);

        var share = Security(5140, ("ShareName", @"\\*\ADMIN$"), ("ShareLocalPath", @"\??\C:\Windows"), ("IpAddress", "10.0.0.5"), ("IpPort", "50000"));
        Assert.True(ShareAccess.TryFrom(share, out var s));
        Assert.Null(s.RelativeTargetName);
        Assert.Equal(50000, s.SourcePort);
        Assert.False(ShareAccess.TryFrom(Security(4624), out _));
    }
}
