using Huntsman.Sigma;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

public class LoaderTests
{
    [Fact]
    public void ReadsMetadataAndTechniques()
    {
        var set = Load("""
            title: Suspicious Thing
            id: 5f1a2b3c-0000-4000-8000-000000000001
            name: suspicious_thing
            status: experimental
            description: Detects a thing
            author: Someone
            date: 2024-01-02
            level: critical
            tags:
                - attack.execution
                - attack.t1059.001
                - attack.T1105
                - cve.2021-44228
            falsepositives:
                - Admins
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\powershell.exe'
                    CommandLine|contains: 'iex'
                condition: selection
            """);
        var r = Assert.Single(set.Rules);
        Assert.Equal("Suspicious Thing", r.Title);
        Assert.Equal("suspicious_thing", r.Name);
        Assert.Equal(RuleLevel.Critical, r.Level);
        Assert.Equal("experimental", r.Status);
        Assert.Equal("2024-01-02", r.Date); // a YAML 1.1 date stays text
        Assert.Equal(["T1059.001", "T1105"], r.Techniques);
        Assert.Equal(["Admins"], r.FalsePositives);
        Assert.Equal(["Image", "CommandLine"], r.DetectionFields);
        Assert.Equal(new LogSource("windows", "process_creation", null), r.LogSource);
        Assert.Equal(1, r.Line);
        Assert.True(r.HasTelemetry);
    }

    [Fact]
    public void DuplicateKeysAreAnError()
    {
        var status = LoadFails("title: x\ntitle: y\nlogsource:\n    product: windows\ndetection:\n    s:\n        A: 1\n    condition: s\n");
        Assert.Equal("duplicate key", status.ReasonCategory);
        Assert.Equal(2, status.Line);
    }

    [Fact]
    public void DuplicateKeysInsideDetectionAreAnError() =>
        Assert.Equal("duplicate key", LoadFails(RuleYaml("s:\n    A: 1\n    A: 2\ncondition: s")).ReasonCategory);

    [Fact]
    public void MalformedYamlIsReportedWithPlaceAndOtherDocumentsStillLoad()
    {
        var dir = Directory.CreateTempSubdirectory("huntsman-sigma-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "a_good.yml"), RuleYaml("s:\n    A: 1\ncondition: s"));
            File.WriteAllText(Path.Combine(dir.FullName, "b_bad.yml"), "title: x\nlogsource: [unclosed\n");
            File.WriteAllText(Path.Combine(dir.FullName, "c_badcond.yml"), RuleYaml("s:\n    A: 1\ncondition: s and"));
            var set = RuleLoader.Load([dir.FullName]);
            Assert.Single(set.Rules);
            var skipped = set.Skipped.ToList();
            Assert.Equal(2, skipped.Count);
            Assert.Equal("malformed YAML", skipped[0].ReasonCategory);
            Assert.EndsWith("b_bad.yml", skipped[0].File);
            Assert.True(skipped[0].Line >= 2);
            Assert.Equal("bad condition", skipped[1].ReasonCategory);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void MultiDocumentFilesLoadEveryDocument()
    {
        var set = RuleLoader.LoadText(RuleYaml("s:\n    A: 1\ncondition: s") + "\n---\n" + RuleYaml("s:\n    B: 1\ncondition: s").Replace("Test rule", "Second"));
        Assert.Equal(["Test rule", "Second"], set.Rules.Select(r => r.Title));
    }

    [Fact]
    public void LegacyGlobalAndRepeatCollections()
    {
        var set = Load("""
            action: global
            title: Collection
            status: test
            logsource:
                product: windows
            detection:
                condition: selection
            ---
            logsource:
                category: process_creation
            detection:
                selection:
                    Image: 'a.exe'
            ---
            action: repeat
            detection:
                selection:
                    Image: 'b.exe'
            ---
            action: reset
            ---
            title: Standalone
            logsource:
                product: windows
                category: process_creation
            detection:
                sel:
                    Image: 'c.exe'
                condition: sel
            """);
        Assert.Equal(["Collection", "Collection", "Standalone"], set.Rules.Select(r => r.Title));
        Assert.True(Matches(set, Sysmon(1, ("Image", "b.exe"))));
        Assert.Equal("process_creation", set.Rules[1].LogSource.Category);
    }

    [Fact]
    public void CorrelationDocumentsGoToTheCorrelationParser()
    {
        var set = RuleLoader.LoadText(RuleYaml("s:\n    A: 1\ncondition: s") + """

            ---
            title: Many
            correlation:
                type: event_count
                rules: [11111111-2222-3333-4444-555555555555]
                timespan: 1h
                condition:
                    gte: 10
            """);
        Assert.Single(set.Rules);
        var status = set.Statuses.Single(s => s.Kind == "correlation");
        // The seam's parser decides; either outcome is recorded, never thrown.
        Assert.Equal(set.Correlations.Count == 1 ? RuleLoadState.Ok : RuleLoadState.Skipped, status.State);
    }

    [Fact]
    public void NonWindowsRulesLoadButHaveNoTelemetry()
    {
        var set = Load(RuleYaml("s:\n    Image: '/bin/sh'\ncondition: s", "product: linux\n    category: process_creation"));
        Assert.False(set.Rules[0].HasTelemetry);
        Assert.Equal("no matching telemetry", set.Statuses[0].ReasonCategory);
        Assert.Equal(RuleLoadState.Ok, set.Statuses[0].State);
    }

    [Theory]
    [InlineData("logsource:\n    product: windows\ndetection:\n    s:\n        A: 1\n    condition: s\n", "missing title")]
    [InlineData("title: x\ndetection:\n    s:\n        A: 1\n    condition: s\n", "missing logsource")]
    [InlineData("title: x\nlogsource:\n    product: windows\n", "missing detection")]
    [InlineData("title: x\nlevel: severe\nlogsource:\n    product: windows\ndetection:\n    s:\n        A: 1\n    condition: s\n", "bad level")]
    [InlineData("title: x\nlogsource:\n    product: windows\ndetection:\n    s:\n        A: 1\n", "bad condition")]
    [InlineData("title: x\nlogsource:\n    product: windows\ndetection:\n    s:\n        A:\n            B: 1\n    condition: s\n", "bad detection")]
    [InlineData("- just\n- a list\n", "not a rule")]
    public void InvalidRulesSayWhy(string yaml, string category) => Assert.Equal(category, LoadFails(yaml).ReasonCategory);

    [Fact]
    public void MissingPathIsReported() =>
        Assert.Equal("not found", RuleLoader.Load(["/nonexistent/rules"]).Statuses.Single().ReasonCategory);

    [Fact]
    public void HostileYamlDoesNotCrash()
    {
        var deep = new string('[', 5000) + new string(']', 5000);
        var set = RuleLoader.LoadText("title: " + deep);
        Assert.Empty(set.Rules);
        var bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\ndetection: [*c,*c,*c]\n";
        Assert.Empty(RuleLoader.LoadText(bomb).Rules);
    }

    [Fact]
    public void BuiltinRulesLoadFromResources()
    {
        var set = RuleLoader.Load([], new RuleLoadOptions { IncludeBuiltin = true });
        Assert.Equal(RuleLoader.BuiltinRuleNames().Count(), set.Statuses.Select(s => s.File).Distinct().Count());
        Assert.All(set.Statuses, s => Assert.StartsWith("builtin:", s.File));
    }
}
