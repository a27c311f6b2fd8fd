using Huntsman.Events.Taxonomy;
using Huntsman.Sigma;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

public class MatcherTests
{
    private static readonly RuleSet ProcessRule = Load(RuleYaml("s:\n    Image|endswith: '\\whoami.exe'\n    ParentImage|endswith: '\\cmd.exe'\ncondition: s"));

    [Fact]
    public void ProcessCreationCoversSysmonSecurity4688AndDefender()
    {
        Assert.True(Matches(ProcessRule, Sysmon(1, ("Image", @"C:\w\whoami.exe"), ("ParentImage", @"C:\w\cmd.exe"))));
        Assert.True(Matches(ProcessRule, Event(Channels.Security, 4688, ("NewProcessName", @"C:\w\whoami.exe"), ("ParentProcessName", @"C:\w\cmd.exe"))));
        Assert.True(Matches(ProcessRule, Event("Defender:DeviceProcessEvents", 1, ("Image", @"C:\w\whoami.exe"), ("ParentImage", @"C:\w\cmd.exe"))));
    }

    [Fact]
    public void OtherChannelsAndEventIdsAreNotTested()
    {
        Assert.False(Matches(ProcessRule, Sysmon(3, ("Image", @"C:\w\whoami.exe"), ("ParentImage", @"C:\w\cmd.exe"))));
        Assert.False(Matches(ProcessRule, Event(Channels.System, 1, ("Image", @"C:\w\whoami.exe"), ("ParentImage", @"C:\w\cmd.exe"))));
        Assert.False(Matches(ProcessRule, Event(Channels.Security, 4689, ("NewProcessName", @"C:\w\whoami.exe"), ("ParentProcessName", @"C:\w\cmd.exe"))));
    }

    [Fact]
    public void ServiceRulesUseDetectionEventIds()
    {
        var set = Load(RuleYaml("s:\n    EventID: 7045\n    ServiceName: 'PSEXESVC'\ncondition: s", "product: windows\n    service: system"));
        Assert.True(Matches(set, Event(Channels.System, 7045, ("ServiceName", "psexesvc"))));
        Assert.False(Matches(set, Event(Channels.System, 7036, ("ServiceName", "psexesvc"))));
        Assert.False(Matches(set, Event(Channels.Security, 7045, ("ServiceName", "psexesvc"))));
    }

    [Fact]
    public void RegistryDeleteChecksEventType()
    {
        var set = Load(RuleYaml("s:\n    TargetObject|contains: 'Run'\ncondition: s", "product: windows\n    category: registry_delete"));
        Assert.True(Matches(set, Sysmon(12, ("EventType", "DeleteValue"), ("TargetObject", @"HKLM\Run\x"))));
        Assert.False(Matches(set, Sysmon(12, ("EventType", "CreateKey"), ("TargetObject", @"HKLM\Run\x"))));
    }

    [Fact]
    public void AntivirusMapsFieldNames()
    {
        var set = Load(RuleYaml("s:\n    Signature|contains: 'Mimikatz'\ncondition: s", "category: antivirus"));
        Assert.True(Matches(set, Event("Microsoft-Windows-Windows Defender/Operational", 1116, ("ThreatName", "HackTool:Win32/Mimikatz"))));
    }

    [Fact]
    public void FieldNamesWithSpacesAreMatchedWithoutThem()
    {
        var set = Load(RuleYaml("s:\n    EventID: 1119\n    SourceName: 'Real-Time Protection'\ncondition: s", "product: windows\n    service: windefend"));
        Assert.True(Matches(set, Event("Microsoft-Windows-Windows Defender/Operational", 1119, ("Source Name", "Real-Time Protection"))));
    }

    [Fact]
    public void PrefilterKeepsRulesWhoseLiteralsSitInFallbackFieldsOrSystemFields()
    {
        var set = Load(RuleYaml("s:\n    Provider_Name|contains: 'Tes'\n    Image|endswith: 'x.exe'\ncondition: s"));
        Assert.True(Matches(set, Event(Channels.Security, 4688, ("NewProcessName", @"C:\x.exe"))));
        Assert.False(Matches(set, Event(Channels.Security, 4688, ("NewProcessName", @"C:\y.exe"))));
    }

    [Fact]
    public void HitsReportTheFieldsTheRuleLookedAt()
    {
        var hits = new List<RuleHit>();
        new RuleMatcher(ProcessRule).Match(Sysmon(1, ("Image", @"C:\w\whoami.exe"), ("ParentImage", @"C:\w\cmd.exe"), ("User", "x")), hits);
        var hit = Assert.Single(hits);
        Assert.Equal([new("Image", @"C:\w\whoami.exe"), new Huntsman.Events.EventField("ParentImage", @"C:\w\cmd.exe")], hit.Fields());
    }

    [Fact]
    public void MatchingIsThreadSafe()
    {
        var matcher = new RuleMatcher(ProcessRule);
        var good = Sysmon(1, ("Image", @"C:\w\whoami.exe"), ("ParentImage", @"C:\w\cmd.exe"));
        var bad = Sysmon(1, ("Image", @"C:\w\other.exe"), ("ParentImage", @"C:\w\cmd.exe"));
        int wrong = 0;
        Parallel.For(0, 20_000, i =>
        {
            var hits = new List<RuleHit>();
            matcher.Match(i % 2 == 0 ? good : bad, hits);
            if (hits.Count != (i % 2 == 0 ? 1 : 0)) Interlocked.Increment(ref wrong);
        });
        Assert.Equal(0, wrong);
    }
}
