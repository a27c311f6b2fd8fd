using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Hunt;
using Huntsman.Noise.Allowlist;
using Xunit;

namespace Huntsman.Tests.Noise;

public class AllowlistTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private const string Yaml = """
        version: 1
        entries:
          - id: sccm-children
            reason: ConfigMgr agent runs deployments
            owner: endpoint-management
            scope:
              kinds: [sigma]
              rules: [rule-office, rule-cmd]
            match:
              ParentImage|endswith: '\CCM\CcmExec.exe'
          - id: pdq-runner
            reason: PDQ Deploy service
            owner: endpoint-management
            scope:
              kinds: [sigma, lateral_movement]
              hosts: ['WS*']
            match:
              - ServiceName|startswith: 'PDQDeployRunner-'
                ImagePath|contains: '\AdminArsenal\PDQDeployRunner\'
              - service_image|contains: '\AdminArsenal\PDQDeployRunner\'
          - id: old-scanner
            reason: scanner campaign that ended
            owner: ir
            expires: 2026-01-31
            match:
              Image|endswith: '\thor64.exe'
          - id: never-used
            reason: kept for an old tool
            owner: ir
            scope:
              tags: [attack.t1003]
            match:
              Image: 'C:\Tools\nothing.exe'
        """;

    [Fact]
    public void An_entry_suppresses_exactly_what_it_matches_within_its_scope()
    {
        var ledger = new SuppressionLedger(AllowlistSet.Parse(Yaml, "test.yml", Today));
        var sccm = Process("WS1", @"C:\Windows\CCM\CcmExec.exe", @"C:\Windows\System32\cmd.exe");
        Assert.True(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(sccm, "rule-cmd"))));
        // Same event, rule outside the entry's scope: reported.
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(sccm, "rule-other"))));
        // Same rule, another parent: reported.
        var word = Process("WS1", @"C:\Program Files\Microsoft Office\WINWORD.EXE", @"C:\Windows\System32\cmd.exe");
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(word, "rule-cmd"))));
        // A parent path that only contains the allowed one is not it.
        var fake = Process("WS1", @"C:\Users\Public\CCM\CcmExec.exe.bad", @"C:\Windows\System32\cmd.exe");
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(fake, "rule-cmd"))));

        var pdq = TestEvents.ServiceInstall("WS7", "PDQDeployRunner-3", @"C:\Windows\AdminArsenal\PDQDeployRunner\service-1\PDQDeployRunner-1.exe");
        Assert.True(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(pdq, "any-rule"))));
        // Host scope: the same service on a server is reported.
        var onServer = TestEvents.ServiceInstall("SRV1", "PDQDeployRunner-3", @"C:\Windows\AdminArsenal\PDQDeployRunner\service-1\PDQDeployRunner-1.exe");
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(onServer, "any-rule"))));
        // A renamed service (PsExec -r) with another image is not PDQ.
        var renamed = TestEvents.ServiceInstall("WS7", "PDQDeployRunner-3", @"%SystemRoot%\PSEXESVC.exe");
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(renamed, "any-rule"))));

        Assert.Equal(2, ledger.SuppressedCount);
        Assert.Equal(["sccm-children", "pdq-runner"], ledger.Suppressed.Select(s => s.Entry.Id));
        Assert.Same(sccm, ((Detection)ledger.Suppressed[0].Subject.Item).Event);
    }

    [Fact]
    public void Lateral_movement_findings_match_on_their_field_dictionary()
    {
        var ledger = new SuppressionLedger(AllowlistSet.Parse(Yaml, "test.yml", Today));
        var finding = new object();
        var fields = new Dictionary<string, string> { ["tool"] = "psexec-like", ["service_image"] = @"C:\Windows\AdminArsenal\PDQDeployRunner\service-1\x.exe" };
        Assert.True(ledger.Suppresses(AllowlistSubject.ForFinding("lateral_movement", ["SRV9", "WS3"], fields, finding)));
        Assert.False(ledger.Suppresses(AllowlistSubject.ForFinding("lateral_movement", ["SRV9"], fields, finding)));
        Assert.False(ledger.Suppresses(AllowlistSubject.ForFinding("anomaly", ["WS3"], fields, finding)));
        Assert.Same(finding, ledger.Suppressed.Single().Subject.Item);
    }

    [Fact]
    public void Expired_entries_warn_and_no_longer_suppress_and_unused_entries_are_reported()
    {
        var ledger = new SuppressionLedger(AllowlistSet.Parse(Yaml, "test.yml", Today));
        var thor = Process("WS1", @"C:\Windows\System32\services.exe", @"C:\Windows\Temp\thor10-remote\thor64.exe");
        var check = ledger.Check(AllowlistSubject.ForDetection(Detect(thor, "r")));
        Assert.NotNull(check);
        Assert.True(check.Expired);
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(thor, "r"))));
        Assert.Equal(0, ledger.SuppressedCount);
        Assert.Equal(2, ledger.MatchedByExpired.Count);

        var usage = ledger.Usage().ToDictionary(u => u.Entry.Id);
        Assert.True(usage["old-scanner"].Expired);
        Assert.Equal(2, usage["old-scanner"].MatchedWhileExpired);
        Assert.True(usage["never-used"].NeverMatched);
        var warnings = ledger.Warnings();
        Assert.Contains(warnings, w => w.Contains("'old-scanner'") && w.Contains("expired on 2026-01-31") && w.Contains("matched 2 item(s)"));
        Assert.Contains(warnings, w => w.Contains("'never-used'") && w.Contains("matched nothing"));
        Assert.Contains(warnings, w => w.Contains("'sccm-children'") && w.Contains("matched nothing"));
        // Before its expiry date the same entry suppresses.
        var earlier = new SuppressionLedger(AllowlistSet.Parse(Yaml, "test.yml", new DateOnly(2026, 1, 31)));
        Assert.True(earlier.Suppresses(AllowlistSubject.ForDetection(Detect(thor, "r"))));
    }

    [Fact]
    public void Suppression_counts_are_always_available_per_entry()
    {
        var ledger = new SuppressionLedger(AllowlistSet.Parse(Yaml, "test.yml", Today));
        for (int i = 0; i < 5; i++)
            ledger.Suppresses(AllowlistSubject.ForDetection(Detect(Process("WS1", @"C:\Windows\CCM\CcmExec.exe", $@"C:\x{i}.exe"), "rule-office")));
        var usage = ledger.Usage();
        Assert.Equal(4, usage.Count);
        Assert.Equal(5, usage.Single(u => u.Entry.Id == "sccm-children").Suppressed);
        Assert.Equal(5, ledger.SuppressedCount);
        Assert.Equal(5, usage.Sum(u => u.Suppressed));
    }

    [Theory]
    [InlineData("entries:\n  - id: a\n    reason: r\n    owner: o\n    match:\n      Image|endswithh: 'x'\n", 6, 7, "unknown modifier 'endswithh'")]
    [InlineData("entries:\n  - id: a\n    owner: o\n    match:\n      Image: x\n", 2, 5, "entry has no 'reason'")]
    [InlineData("entries:\n  - reason: r\n    owner: o\n    match:\n      Image: x\n", 2, 5, "entry has no 'id'")]
    [InlineData("entries:\n  - id: a\n    reason: r\n    owner: o\n    expires: 2026-13-45\n    match:\n      Image: x\n", 5, 14, "'expires' must be a date")]
    [InlineData("entries:\n  - id: a\n    reason: r\n    owner: o\n", 2, 5, "entry has no 'match'")]
    [InlineData("entries:\n  - id: a\n    reason: r\n    owner: o\n    scope:\n      kinds: [sigmaa]\n    match:\n      Image: x\n", 6, 14, "unknown kind 'sigmaa'")]
    [InlineData("entries:\n  - id: a\n    reason: r\n    owner: o\n    match: [x, y]\n", 5, 12, "'match' must be a map")]
    [InlineData("entries:\n  - id: a\n    reason: r\n   owner: o\n", 4, 0, "malformed YAML")]
    [InlineData("entries:\n  - id: a\n    reason: r\n    owner: o\n    match:\n      Image: x\n  - id: A\n    reason: r\n    owner: o\n    match:\n      Image: y\n", 7, 1, "entry id 'A' is already used at bad.yml:2")]
    [InlineData("entries:\n  - id: a\n    reason: [r\n  - id: b\n", 0, 0, "malformed YAML")]
    public void Bad_allowlists_fail_with_file_line_and_column(string yaml, int line, int column, string message)
    {
        var ex = Assert.Throws<AllowlistLoadException>(() => AllowlistSet.Parse(yaml, "bad.yml", Today));
        var error = Assert.Single(ex.Errors, e => e.Message.Contains(message));
        Assert.Equal("bad.yml", error.File);
        if (line == 0) return;
        Assert.Equal(line, error.Line);
        if (column > 0) Assert.Equal(column, error.Column);
        Assert.Contains($"bad.yml:{line}:", ex.Message);
    }

    [Fact]
    public void One_bad_file_means_nothing_is_loaded()
    {
        var dir = Directory.CreateTempSubdirectory("huntsman-allowlist-");
        try
        {
            var good = Path.Combine(dir.FullName, "good.yml");
            var bad = Path.Combine(dir.FullName, "bad.yml");
            File.WriteAllText(good, Yaml);
            File.WriteAllText(bad, "entries:\n  - id: b\n    reason: r\n    owner: o\n    match:\n      Image|nosuch: x\n");
            var ex = Assert.Throws<AllowlistLoadException>(() => AllowlistSet.Load([good, bad], Today, includeDefault: false));
            Assert.Equal(bad, ex.Errors.Single().File);
            Assert.Equal(4, AllowlistSet.Load([good], Today, includeDefault: false).Entries.Count);
        }
        finally { dir.Delete(true); }
    }

    [Fact]
    public void The_shipped_default_allowlist_loads_and_suppresses_its_look_alikes()
    {
        var file = Path.Combine(Repo.Root, "allowlists", "default.yml");
        var list = AllowlistSet.Load([file], Today, includeDefault: false);
        Assert.All(list.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        var ledger = new SuppressionLedger(list);
        Assert.True(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(
            TestEvents.ServiceInstall("WS1", "ccmsetup", "\"C:\\Windows\\ccmsetup\\ccmsetup.exe\" /runservice /config:MobileClient.tcf"), "r"))));
        Assert.True(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(
            TestEvents.ServiceInstall("WS1", "VeeamVssSupport", @"C:\Windows\VeeamVssSupport\VeeamGuestHelper.exe"), "r"))));
        var share = TestEvents.Make(Channels.Security, 5145, "FS1", 1, TestEvents.T0, ("SubjectUserName", "WS1$"), ("ShareName", @"\\*\ADMIN$"));
        Assert.True(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(share, "r"))));
        var person = TestEvents.Make(Channels.Security, 5145, "FS1", 2, TestEvents.T0, ("SubjectUserName", "alice"), ("ShareName", @"\\*\ADMIN$"));
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(person, "r"))));
        var psexec = TestEvents.ServiceInstall("WS1", "PSEXESVC", @"%SystemRoot%\PSEXESVC.exe");
        Assert.False(ledger.Suppresses(AllowlistSubject.ForDetection(Detect(psexec, "r"))));
    }

    private static WinEvent Process(string host, string parent, string image) => TestEvents.ProcessStart(host, parent, image, image);

    private static Detection Detect(WinEvent e, string ruleId) => new()
    {
        Timestamp = e.TimeCreated, Computer = e.Computer, Channel = e.Channel, EventId = e.EventId, RecordId = e.RecordId,
        File = e.Origin.File, RuleId = ruleId, RuleTitle = "t", Level = "high", Event = e,
    };
}
