using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lateral;

/// <summary>Everyday logs must not produce lateral-movement findings.</summary>
public class BenignLogsTests
{
    [SkippableTheory]
    [InlineData("omerbenamram-evtx/samples/security.evtx")]
    [InlineData("omerbenamram-evtx/samples/system.evtx")]
    [InlineData("omerbenamram-evtx/samples/sysmon.evtx")]
    [InlineData("omerbenamram-evtx/samples/2-vss_7-System.evtx")]
    [InlineData("omerbenamram-evtx/samples/Security_with_size_t.evtx")]
    [InlineData("omerbenamram-evtx/samples/post-Security.evtx")]
    [InlineData("omerbenamram-evtx/samples/new-user-security.evtx")]
    public void No_finding_on_everyday_logs(string file)
    {
        var events = EvidenceRun.Of(SharedData.Path_(["evtx", .. file.Split('/')])).Events;
        Assert.True(events.Count > 0);
        Assert.Empty(TwoHostSampleTests.Detect(events));
    }
}
