using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Sigma;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// Matching reads lazily decoded values through <see cref="EventField.Chars"/>: a rule that rejects an event
/// must not turn its values into strings, and a lazy event must match exactly like the same event with strings.
/// </summary>
public class LazyValueTests
{
    /// <summary>UTF-16 text served as spans; counts how often a string had to be made.</summary>
    private sealed class CountingValues(string[] texts) : LazyFieldValues
    {
        public int Renders;
        public override string Render(int index)
        {
            Interlocked.Increment(ref Renders);
            return new string(texts[index]);
        }

        public override ReadOnlySpan<char> Chars(int index) => texts[index];
    }

    private static (WinEvent Event, CountingValues Values) LazySysmon(int eventId, params (string Name, string Value)[] fields)
    {
        var values = new CountingValues(fields.Select(f => f.Value).ToArray());
        var e = new WinEvent { Channel = Channels.Sysmon, EventId = eventId, Provider = "Test", Computer = "HOST" };
        for (int i = 0; i < fields.Length; i++) e.Fields.Add(new EventField(fields[i].Name, values, i));
        return (e, values);
    }

    private static readonly (string, string)[] Benign =
    [
        ("Image", @"C:\Windows\System32\svchost.exe"), ("CommandLine", @"C:\Windows\system32\svchost.exe -k netsvcs -p -s Schedule"),
        ("ParentImage", @"C:\Windows\System32\services.exe"), ("User", @"NT AUTHORITY\SYSTEM"), ("IntegrityLevel", "System"),
        ("Hashes", "SHA256=0000000000000000000000000000000000000000000000000000000000000000"), ("ProcessId", "1234"),
    ];

    [Theory]
    [InlineData("s:\n    Image|endswith: '\\whoami.exe'\ncondition: s")]
    [InlineData("s:\n    CommandLine|contains|all:\n        - ' -enc '\n        - 'powershell'\ncondition: s")]
    [InlineData("s:\n    CommandLine|contains:\n        - 'mimikatz'\n        - 'sekurlsa'\n        - 'lsadump'\n        - 'kerberos::'\ncondition: s")]
    [InlineData("s:\n    Image|startswith: 'C:\\Users\\'\n    IntegrityLevel: 'High'\ncondition: s")]
    [InlineData("s:\n    CommandLine|re: 'vssadmin.*delete'\ncondition: s")]
    [InlineData("s:\n    User|contains: 'admin'\nf:\n    ParentImage: 'C:\\Windows\\explorer.exe'\ncondition: s and not f")]
    [InlineData("keywords:\n    - 'Invoke-Mimikatz'\n    - 'DumpCreds'\ncondition: keywords")]
    [InlineData("s:\n    Image|endswith: '.exe'\n    ProcessId: 99\ncondition: s")]
    [InlineData("s:\n    ProcessId|gt: 5000\ncondition: s")]
    public void RejectingRulesDoNotRenderValues(string detection)
    {
        var set = Load(RuleYaml(detection));
        var (e, values) = LazySysmon(1, Benign);
        Assert.False(Matches(set, e));
        Assert.Equal(0, values.Renders);
    }

    [Fact]
    public void LazyEventsMatchLikeStringEvents()
    {
        var fields = Benign.Select(f => f.Item1 == "CommandLine" ? (f.Item1, "powershell.exe -nop -enc SQBFAFgA") : f).ToArray();
        string[] detections =
        [
            "s:\n    CommandLine|contains|all:\n        - ' -enc '\n        - 'powershell'\ncondition: s",
            "s:\n    CommandLine|re: '(?i)POWERSHELL.*-enc'\ncondition: s",
            "s:\n    CommandLine|windash|contains: '-nop'\ncondition: s",
            "s:\n    ProcessId|lt: 5000\ncondition: s",
            "s:\n    User|fieldref: User\ncondition: s",
            "keywords:\n    - 'SQBFAFgA'\ncondition: keywords",
            "s:\n    IntegrityLevel: 'system'\n    Hashes|contains: 'SHA256='\ncondition: s",
        ];
        foreach (var d in detections)
        {
            var set = Load(RuleYaml(d));
            Assert.True(Matches(set, LazySysmon(1, fields).Event), d);
            Assert.True(Matches(set, Sysmon(1, fields)), d);
        }
    }

    [Fact]
    public void HitFieldsRenderTheMatchedValues()
    {
        var set = Load(RuleYaml("s:\n    Image|endswith: '\\svchost.exe'\ncondition: s"));
        var (e, values) = LazySysmon(1, Benign);
        var hits = new List<RuleHit>();
        new RuleMatcher(set).Match(e, hits);
        Assert.Equal(@"C:\Windows\System32\svchost.exe", Assert.Single(Assert.Single(hits).Fields()).Value);
        Assert.True(values.Renders > 0);
    }
}
