using Huntsman.Lateral;
using Huntsman.Tests.Lineage;
using Huntsman.Tests.Readers;
using Xunit;

namespace Huntsman.Tests.Lateral;

public class LateralAllowlistTests
{
    private static LateralAllowlist Parse(string yaml) => LateralAllowlist.Parse(new StringReader(yaml), "test.yml");

    private static List<Huntsman.Events.WinEvent> PsExecInstall(string host) =>
    [
        Ev.System(7045, host, 1, ("ServiceName", "PSEXESVC"), ("ImagePath", @"%SystemRoot%\PSEXESVC.exe")),
    ];

    [Fact]
    public void The_shipped_example_parses_and_every_entry_has_a_reason()
    {
        var list = LateralAllowlist.Load(Path.Combine(Samples.Root(), "allowlists", "lateral-example.yml"));
        Assert.True(list.Entries.Count >= 8);
        Assert.All(list.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
        Assert.Contains(list.Entries, e => e.Name == "sccm-client-push");
    }

    [Fact]
    public void A_matching_entry_suppresses_and_says_why()
    {
        var list = Parse("""
            entries:
              - name: it-deploy-box
                reason: IT deploys with PsExec to lab hosts
                match:
                  target_host: 'LAB-*'
                  service_image: '%SystemRoot%\PSEXESVC.exe'
            """);
        var f = Assert.Single(TwoHostSampleTests.Detect(PsExecInstall("LAB-07"), list));
        Assert.True(f.Suppressed);
        Assert.Equal(("it-deploy-box", "IT deploys with PsExec to lab hosts"), (f.SuppressedBy, f.SuppressionReason));
        Assert.Null(Assert.Single(TwoHostSampleTests.Detect(PsExecInstall("FS01"), list)).SuppressedBy);
    }

    [Fact]
    public void Lower_keeps_the_finding_with_less_confidence()
    {
        var list = Parse("entries:\n  - name: n\n    reason: r\n    action: lower\n    match:\n      tool: psexec\n");
        var f = Assert.Single(TwoHostSampleTests.Detect(PsExecInstall("FS01"), list));
        Assert.False(f.Suppressed);
        Assert.Equal(("n", "low"), (f.SuppressedBy, f.Confidence));
    }

    [Fact]
    public void Escalating_context_is_never_hidden()
    {
        // The sample's PsExec runs from AppData\Local\Temp, started by encoded PowerShell.
        var list = Parse("entries:\n  - name: helpdesk\n    reason: helpdesk PsExec\n    match:\n      account: 'CORP\\admin'\n      source_host: 'HR-PC-07*'\n");
        var f = Assert.Single(TwoHostSampleTests.Detect(EvidenceRun.Of(Samples.Folder("psexec-two-hosts")).Events, list));
        Assert.False(f.Suppressed);
        Assert.Equal(("helpdesk", "medium"), (f.SuppressedBy, f.Confidence));
        Assert.Contains(f.Reasons, r => r.Contains(@"the client runs from \Temp\", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("entries:\n  - name: a\n    reason: b\n    match:\n      colour: red\n", "test.yml:5:7: unknown field 'colour'")]
    [InlineData("entries:\n  - name: a\n    match:\n      tool: psexec\n", "test.yml:2:5: entry 'a' has no reason")]
    [InlineData("entries:\n  - name: a\n    reason: b\n    match: {}\n", "test.yml:2:5: entry 'a' matches nothing")]
    [InlineData("entries: [a: [b\n", "test.yml:")]
    [InlineData("just text\n", "test.yml:1:1: expected a mapping with an 'entries' list")]
    public void Bad_files_are_reported_with_file_line_and_column(string yaml, string message)
    {
        var ex = Assert.Throws<AllowlistException>(() => Parse(yaml));
        Assert.StartsWith(message, ex.Message);
    }

    [Theory]
    [InlineData(@"C:\Windows\ccmsetup\ccmsetup.exe /runservice", @"C:\Windows\ccmsetup\ccmsetup.exe*", true)]
    [InlineData(@"D:\SMS_ABC\srvboot.exe", @"?:\SMS_*\srvboot.exe*", true)]
    [InlineData(@"C:\Windows\PSEXESVC.exe", @"?:\SMS_*\srvboot.exe*", false)]
    [InlineData("abc", "a*c*", true)]
    [InlineData("abd", "a*c", false)]
    public void Wildcards_match_case_insensitively(string text, string pattern, bool expected) =>
        Assert.Equal(expected, Wildcard.IsMatch(text.ToUpperInvariant(), pattern));
}
