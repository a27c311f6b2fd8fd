using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Lateral;
using Huntsman.Tests.Lineage;
using Xunit;

namespace Huntsman.Tests.Lateral;

public class HostileInputTests
{
    private static readonly string[] Names =
    [
        "LogonType", "TargetLogonId", "SubjectLogonId", "IpAddress", "IpPort", "ShareName", "RelativeTargetName", "AccessMask", "AccessList",
        "ServiceName", "ImagePath", "ServiceFileName", "PipeName", "Image", "ProcessId", "ProcessGuid", "ParentProcessGuid", "ParentProcessId",
        "NewProcessId", "NewProcessName", "CommandLine", "ParentImage", "TargetFilename", "TargetObject", "Details", "param1", "param2", "Binary",
        "TaskName", "TaskContent", "SourcePort", "DestinationPort", "Initiated", "TargetServerName", "TargetUserName", "SubjectUserName",
    ];

    private static readonly string[] Values =
    [
        "", "-", "0x", "0xFFFFFFFFFFFFFFFFFFFF", "99999999999999999999", "3", "445", @"\\*\ADMIN$", @"\\*\IPC$", "svcctl", "PSEXESVC-a-1-stdin",
        "---stdin", "x.exe", "%%4417", "{00000000-0000-0000-0000-000000000000}", "{A}", "::1", "fe80::1", "not an ip", "true", "<Command>",
        new string('A', 5000), "=====", @"%SystemRoot%\PSEXESVC.exe", @"C:\Windows\PSEXESVC.exe", "services.exe", "\0\u2028",
    ];

    [Fact]
    public void Random_field_soup_never_throws()
    {
        var rng = new Random(1234);
        int[] ids = [1, 3, 5, 11, 13, 17, 18, 4624, 4648, 4672, 4688, 4689, 4697, 4698, 4699, 5140, 5145, 7009, 7036, 7045];
        string[] channels = [Channels.Sysmon, Channels.Security, Channels.System];
        var d = new LateralMovementDetector();
        for (int i = 0; i < 20_000; i++)
        {
            var fields = Enumerable.Range(0, rng.Next(0, 12)).Select(_ => (Names[rng.Next(Names.Length)], Values[rng.Next(Values.Length)])).ToArray();
            var e = Ev.Make(channels[rng.Next(channels.Length)], ids[rng.Next(ids.Length)], $"H{rng.Next(3)}", rng.Next(0, 600), fields);
            d.Observe(e);
        }
        var findings = d.Finish();
        Assert.All(findings, f => Assert.NotEmpty(f.Evidence));
    }

    [Fact]
    public void A_burst_of_twenty_thousand_svcctl_opens_is_one_finding()
    {
        var d = new LateralMovementDetector();
        for (int i = 0; i < 20_000; i++)
            d.Observe(Ev.Security(5145, "FS03", i * 0.05, ("SubjectUserName", "admmig"), ("SubjectDomainName", "OFFSEC"), ("SubjectLogonId", $"0x{0x500000 + i:x}"),
                ("IpAddress", "10.23.23.9"), ("IpPort", "62426"), ("ShareName", @"\\*\IPC$"), ("RelativeTargetName", "svcctl"), ("AccessMask", "0x12019f")));
        var f = Assert.Single(d.Finish());
        Assert.Equal(("remote-service", "10.23.23.9"), (f.Tool, f.SourceIp));
        Assert.Equal(EvidenceList.Limit, f.Evidence.Count);
    }
}
