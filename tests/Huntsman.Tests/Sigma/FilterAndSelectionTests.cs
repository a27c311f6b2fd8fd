using Huntsman.Events.Taxonomy;
using Huntsman.Sigma;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

public class FilterAndSelectionTests
{
    private const string Filter = """

        ---
        title: Exclude admins
        logsource:
            product: windows
        filter:
            rules:
                - 11111111-2222-3333-4444-555555555555
            selection:
                User|startswith: 'adm_'
            condition: not selection
        """;

    [Fact]
    public void FilterIsAndedOntoTheRulesItNames()
    {
        var set = Load(RuleYaml("s:\n    Image|endswith: '\\net.exe'\ncondition: s") + Filter);
        Assert.Single(set.Filters);
        Assert.True(Matches(set, Sysmon(1, ("Image", "c:\\net.exe"), ("User", "bob"))));
        Assert.False(Matches(set, Sysmon(1, ("Image", "c:\\net.exe"), ("User", "adm_bob"))));
    }

    [Fact]
    public void FilterSkipsOtherRulesAndOtherLogsources()
    {
        var other = RuleYaml("s:\n    Image|endswith: '\\net.exe'\ncondition: s").Replace("11111111-2222-3333-4444-555555555555", "99999999-2222-3333-4444-555555555555");
        var set = Load(other + Filter);
        Assert.True(Matches(set, Sysmon(1, ("Image", "c:\\net.exe"), ("User", "adm_bob"))));
        var linuxFilter = Filter.Replace("product: windows", "product: linux");
        set = Load(RuleYaml("s:\n    Image|endswith: '\\net.exe'\ncondition: s") + linuxFilter);
        Assert.True(Matches(set, Sysmon(1, ("Image", "c:\\net.exe"), ("User", "adm_bob"))));
    }

    [Fact]
    public void FilterByNameOrAny()
    {
        var named = RuleYaml("s:\n    Image|endswith: '\\net.exe'\ncondition: s", extra: "name: net_use");
        var set = Load(named + Filter.Replace("- 11111111-2222-3333-4444-555555555555", "- net_use"));
        Assert.False(Matches(set, Sysmon(1, ("Image", "c:\\net.exe"), ("User", "adm_x"))));
        set = Load(RuleYaml("s:\n    Image|endswith: '\\net.exe'\ncondition: s") + Filter.Replace("rules:\n        - 11111111-2222-3333-4444-555555555555", "rules: any"));
        Assert.False(Matches(set, Sysmon(1, ("Image", "c:\\net.exe"), ("User", "adm_x"))));
    }

    [Fact]
    public void FilterWithoutRulesKeyIsAnError() =>
        Assert.Equal("bad filter", LoadFails("title: f\nlogsource:\n    product: windows\nfilter:\n    s:\n        A: 1\n    condition: not s\n").ReasonCategory);

    [Fact]
    public void RuleFilterSelectsByLevelStatusTagsAndIds()
    {
        var set = Load(RuleYaml("s:\n    Image: 'a'\ncondition: s", extra: "tags:\n    - attack.t1059"));
        var e = Sysmon(1, ("Image", "a"));
        Assert.True(Matches(set, e, new RuleFilter { MinLevel = RuleLevel.High }));
        Assert.False(Matches(set, e, new RuleFilter { MinLevel = RuleLevel.Critical }));
        Assert.True(Matches(set, e, new RuleFilter { Statuses = new HashSet<string> { "test" } }));
        Assert.False(Matches(set, e, new RuleFilter { Statuses = new HashSet<string> { "stable" } }));
        Assert.True(Matches(set, e, new RuleFilter { Tags = new HashSet<string> { "ATTACK.T1059" } }));
        Assert.False(Matches(set, e, new RuleFilter { Tags = new HashSet<string> { "attack.t1105" } }));
        Assert.True(Matches(set, e, new RuleFilter { RuleIds = new HashSet<string> { "11111111-2222-3333-4444-555555555555" } }));
        Assert.False(Matches(set, e, new RuleFilter { ExcludeIds = new HashSet<string> { "11111111-2222-3333-4444-555555555555" } }));
    }
}
