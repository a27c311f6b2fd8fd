using System.Text;
using Huntsman.Sigma;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

public class ModifierTests
{
    [Theory]
    [InlineData("CommandLine|contains: 'whoami'", "cmd /c WHOAMI /all", true)]
    [InlineData("CommandLine|contains: 'whoami'", "cmd /c who ami", false)]
    [InlineData("CommandLine|startswith: 'cmd'", "CMD /c x", true)]
    [InlineData("CommandLine|startswith: 'cmd'", "x cmd", false)]
    [InlineData("CommandLine|endswith: '.exe'", "a.EXE", true)]
    [InlineData("CommandLine|endswith: '.exe'", "a.exe ", false)]
    [InlineData("CommandLine: 'exact'", "EXACT", true)]
    [InlineData("CommandLine: 'exact'", "exactly", false)]
    [InlineData("CommandLine|cased: 'Exact'", "Exact", true)]
    [InlineData("CommandLine|cased: 'Exact'", "exact", false)]
    [InlineData("CommandLine|contains|cased: 'Mimi'", "x Mimikatz", true)]
    [InlineData("CommandLine|contains|cased: 'Mimi'", "x mimikatz", false)]
    [InlineData("CommandLine|contains: 'A*C'", "xxAbbbCxx", true)]
    [InlineData("CommandLine|contains: 'ÉCOLE'", "l'école", true)]
    public void StringModifiers(string item, string value, bool expected) =>
        Assert.Equal(expected, Detect($"selection:\n    {item}\ncondition: selection", ("CommandLine", value)));

    [Theory]
    [InlineData("a b", false)]
    [InlineData("b a c", true)]
    [InlineData("c a", false)]
    public void AllLinksValuesWithAnd(string value, bool expected) =>
        Assert.Equal(expected, Detect("selection:\n    CommandLine|contains|all:\n        - 'a'\n        - 'b'\n        - 'c'\ncondition: selection", ("CommandLine", value)));

    [Fact]
    public void ListIsOr() =>
        Assert.True(Detect("selection:\n    Image|endswith:\n        - '\\a.exe'\n        - '\\b.exe'\ncondition: selection", ("Image", @"C:\b.exe")));

    [Theory]
    [InlineData("-", true)]
    [InlineData("/", true)]
    [InlineData("\u2013", true)] // en dash
    [InlineData("\u2014", true)] // em dash
    [InlineData("\u2015", true)] // horizontal bar
    [InlineData("+", false)]
    public void WindashCoversEveryDash(string dash, bool expected) =>
        Assert.Equal(expected, Detect("selection:\n    CommandLine|windash|contains: ' -enc '\ncondition: selection", ("CommandLine", $"powershell {dash}enc AAAA")));

    [Fact]
    public void WindashLeavesDashesInsideWordsAlone()
    {
        // pySigma test_windash: "-param-1 -param2" → 25 variants; the '-' in param-1 stays.
        Assert.True(Detect("selection:\n    CommandLine|windash: '-param-1 -param2'\ncondition: selection", ("CommandLine", "/param-1 \u2014param2")));
        Assert.False(Detect("selection:\n    CommandLine|windash: '-param-1 -param2'\ncondition: selection", ("CommandLine", "/param/1 -param2")));
    }

    [Fact]
    public void WindashWithAllIsAndOfOrs()
    {
        const string d = "selection:\n    CommandLine|windash|contains|all:\n        - '-foo'\n        - '-bar'\ncondition: selection";
        Assert.True(Detect(d, ("CommandLine", "x /foo \u2013bar")));
        Assert.False(Detect(d, ("CommandLine", "x /foo")));
    }

    [Theory]
    [InlineData("\\d{3}-x", "abc 123-x", true)]
    [InlineData("^abc$", "ABC", false)] // case-sensitive by default
    [InlineData("(?i)^abc$", "ABC", true)]
    [InlineData("(?:ab)+c", "zzababc", true)]
    [InlineData("\\s-e(nc)?\\s", "powershell -e AAA", true)]
    public void Regex(string pattern, string value, bool expected) =>
        Assert.Equal(expected, Detect($"selection:\n    CommandLine|re: '{pattern}'\ncondition: selection", ("CommandLine", value)));

    [Fact]
    public void RegexFlags()
    {
        Assert.True(Detect("selection:\n    CommandLine|re|i: '^abc$'\ncondition: selection", ("CommandLine", "ABC")));
        Assert.True(Detect("selection:\n    CommandLine|re|m: '^b$'\ncondition: selection", ("CommandLine", "a\nb\nc")));
        Assert.False(Detect("selection:\n    CommandLine|re: '^b$'\ncondition: selection", ("CommandLine", "a\nb\nc")));
        Assert.True(Detect("selection:\n    CommandLine|re|s: 'a.c'\ncondition: selection", ("CommandLine", "a\nc")));
        Assert.False(Detect("selection:\n    CommandLine|re: 'a.c'\ncondition: selection", ("CommandLine", "a\nc")));
    }

    [Fact]
    public void RegexWithBackreferenceFallsBackToBacktrackingWithTimeout()
    {
        var set = Load(RuleYaml("selection:\n    CommandLine|re: '(a)\\1'\ncondition: selection"));
        Assert.True(Matches(set, Sysmon(1, ("CommandLine", "xaax"))));
    }

    [Fact]
    public void RegexTimeoutIsCountedNotThrown()
    {
        var options = new RuleLoadOptions { RegexTimeout = TimeSpan.FromMilliseconds(1) };
        var set = Load(RuleYaml("selection:\n    CommandLine|re: '^(\\w+\\s?)*$\\1?'\ncondition: selection"), options);
        var evil = new string('a', 5000) + "!";
        Assert.False(Matches(set, Sysmon(1, ("CommandLine", evil))));
        Assert.True(set.Rules[0].RegexTimeouts >= 1);
    }

    [Fact]
    public void Base64()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("secret"));
        Assert.True(Detect("selection:\n    CommandLine|base64|contains: 'secret'\ncondition: selection", ("CommandLine", "x " + encoded + " y")));
    }

    [Theory]
    [InlineData("foobar")]
    [InlineData(" foobar")]
    [InlineData("  foobar")]
    [InlineData("xyzfoobarxyz")]
    public void Base64OffsetFindsEveryAlignment(string plain)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(plain));
        Assert.True(Detect("selection:\n    CommandLine|base64offset|contains: 'foobar'\ncondition: selection", ("CommandLine", encoded)));
    }

    [Fact]
    public void Base64OffsetVariantsArePySigmas()
    {
        // pySigma test_base64offset: foobar → Zm9vYmFy, Zvb2Jhc, mb29iYX
        foreach (var v in new[] { "Zm9vYmFy", "Zvb2Jhc", "mb29iYX" })
            Assert.True(Detect("selection:\n    CommandLine|base64offset|contains: 'foobar'\ncondition: selection", ("CommandLine", "__" + v + "__")));
        Assert.False(Detect("selection:\n    CommandLine|base64offset|contains: 'foobar'\ncondition: selection", ("CommandLine", "Zm9vYmF")));
    }

    [Fact]
    public void Base64RejectsWildcards() =>
        Assert.Contains("wildcards", LoadFails(RuleYaml("selection:\n    CommandLine|base64: 'a*'\ncondition: selection")).Reason);

    [Theory]
    [InlineData("wide")]
    [InlineData("utf16le")]
    public void WideIsUtf16LittleEndian(string modifier)
    {
        var encoded = Convert.ToBase64String(Encoding.Unicode.GetBytes("Invoke-Mimikatz"));
        Assert.True(Detect($"selection:\n    CommandLine|{modifier}|base64|contains: 'Invoke-Mimikatz'\ncondition: selection", ("CommandLine", "-enc " + encoded)));
    }

    [Fact]
    public void Utf16BigEndian()
    {
        var encoded = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes("cmd"));
        Assert.True(Detect("selection:\n    CommandLine|utf16be|base64: 'cmd'\ncondition: selection", ("CommandLine", encoded)));
    }

    [Fact]
    public void Utf16AddsTheByteOrderMarkAsTheSpecSays()
    {
        // spec: cmd → FF FE 63 00 6D 00 64 00 → //5jAG0AZAA=
        Assert.True(Detect("selection:\n    CommandLine|utf16|base64: 'cmd'\ncondition: selection", ("CommandLine", "//5jAG0AZAA=")));
    }

    [Theory]
    [InlineData("lt: 10", "9", true)]
    [InlineData("lt: 10", "10", false)]
    [InlineData("lte: 10", "10", true)]
    [InlineData("gt: 10", "0x0b", true)]
    [InlineData("gte: 10", "9", false)]
    [InlineData("gt: 10", "abc", false)]
    public void NumericComparisons(string item, string value, bool expected) =>
        Assert.Equal(expected, Detect($"selection:\n    Size|{item}\ncondition: selection", ("Size", value)));

    [Fact]
    public void NumericComparisonRejectsStrings() =>
        Assert.Contains("expects a number", LoadFails(RuleYaml("selection:\n    Size|lt: 'abc'\ncondition: selection")).Reason);

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.1.2.3", false)]
    [InlineData("192.168.0.0/16", "::ffff:192.168.1.1", true)]
    [InlineData("2001:db8::/32", "2001:0db8:0000::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("fe80::/10", "FE80::1", true)]
    [InlineData("10.0.0.0/8", "not an ip", false)]
    public void Cidr(string network, string ip, bool expected) =>
        Assert.Equal(expected, Detect($"selection:\n    DestinationIp|cidr: '{network}'\ncondition: selection", ("DestinationIp", ip)));

    [Fact]
    public void CidrWithHostBitsIsRejected() =>
        Assert.Contains("CIDR", LoadFails(RuleYaml("selection:\n    DestinationIp|cidr: '192.168.1.1/24'\ncondition: selection")).Reason);

    [Fact]
    public void Exists()
    {
        Assert.True(Detect("selection:\n    Foo|exists: true\ncondition: selection", ("Foo", "")));
        Assert.False(Detect("selection:\n    Foo|exists: true\ncondition: selection", ("Bar", "x")));
        Assert.True(Detect("selection:\n    Foo|exists: false\ncondition: selection", ("Bar", "x")));
        Assert.False(Detect("selection:\n    Foo|exists: false\ncondition: selection", ("Foo", "")));
        // YAML 1.1 booleans (pySigma relies on PyYAML): yes / no
        Assert.True(Detect("selection:\n    Foo|exists: yes\ncondition: selection", ("Foo", "1")));
        Assert.True(Detect("selection:\n    Foo|exists: no\ncondition: selection", ("Bar", "1")));
    }

    [Fact]
    public void ExistsNeedsBooleanAndComesFirst()
    {
        Assert.Contains("boolean", LoadFails(RuleYaml("selection:\n    Foo|exists: 'maybe'\ncondition: selection")).Reason);
        Assert.Equal("bad modifier use", LoadFails(RuleYaml("selection:\n    Foo|contains|exists: true\ncondition: selection")).ReasonCategory);
        Assert.Contains("field", LoadFails(RuleYaml("selection:\n    '|exists': true\ncondition: selection")).Reason);
    }

    [Fact]
    public void NeqNegatesTheWholeList()
    {
        // pySigma: field|neq: [a, b] = NOT (a OR b)
        const string d = "selection:\n    User|neq:\n        - 'a'\n        - 'b'\ncondition: selection";
        Assert.False(Detect(d, ("User", "a")));
        Assert.False(Detect(d, ("User", "B")));
        Assert.True(Detect(d, ("User", "c")));
    }

    [Fact]
    public void FieldRef()
    {
        Assert.True(Detect("selection:\n    ParentUser|fieldref: User\ncondition: selection", ("User", "bob"), ("ParentUser", "BOB")));
        Assert.False(Detect("selection:\n    ParentUser|fieldref: User\ncondition: selection", ("User", "bob"), ("ParentUser", "alice")));
        Assert.False(Detect("selection:\n    ParentUser|fieldref: User\ncondition: selection", ("ParentUser", "alice")));
        Assert.True(Detect("selection:\n    CommandLine|fieldref|contains: Image\ncondition: selection", ("Image", "x.exe"), ("CommandLine", "run x.exe now")));
        Assert.True(Detect("selection:\n    CommandLine|fieldref|startswith: Image\ncondition: selection", ("Image", "x.exe"), ("CommandLine", "x.exe now")));
        Assert.True(Detect("selection:\n    CommandLine|fieldref|endswith: Image\ncondition: selection", ("Image", "x.exe"), ("CommandLine", "run x.exe")));
        Assert.True(Detect("selection:\n    ParentUser|fieldref|neq: User\ncondition: selection", ("User", "bob"), ("ParentUser", "alice")));
    }

    [Fact]
    public void FieldRefRejectsWildcards() =>
        Assert.Contains("wildcards", LoadFails(RuleYaml("selection:\n    A|fieldref: 'B*'\ncondition: selection")).Reason);

    [Fact]
    public void ExpandUsesConfiguredPlaceholders()
    {
        var options = new RuleLoadOptions
        {
            Placeholders = new Dictionary<string, IReadOnlyList<string>> { ["Admins"] = ["adm_*", "root"] },
        };
        var set = Load(RuleYaml("selection:\n    User|expand: '%Admins%'\ncondition: selection"), options);
        Assert.True(Matches(set, Sysmon(1, ("User", "adm_bob"))));
        Assert.True(Matches(set, Sysmon(1, ("User", "ROOT"))));
        Assert.False(Matches(set, Sysmon(1, ("User", "bob"))));
    }

    [Fact]
    public void ExpandEscapedPercentIsLiteral()
    {
        var options = new RuleLoadOptions { Placeholders = new Dictionary<string, IReadOnlyList<string>> { ["name"] = ["x"] } };
        var set = Load(RuleYaml("selection:\n    F|expand: '\\%plain%name%'\ncondition: selection"), options);
        Assert.True(Matches(set, Sysmon(1, ("F", "%plainx"))));
    }

    [Fact]
    public void UnresolvedPlaceholderRejectsTheRule()
    {
        var status = LoadFails(RuleYaml("selection:\n    User|expand: '%Unknown%'\ncondition: selection"));
        Assert.Equal("unresolved placeholder", status.ReasonCategory);
        Assert.True(status.Line > 0);
    }

    [Fact]
    public void PercentWithoutExpandIsLiteral() =>
        Assert.True(Detect("selection:\n    User: '%Admins%'\ncondition: selection", ("User", "%admins%")));

    [Theory]
    [InlineData("hour: 7", true)]
    [InlineData("hour: 8", false)]
    [InlineData("minute: 8", true)]
    [InlineData("day: 6", true)]
    [InlineData("month: 5", true)]
    [InlineData("year: 2024", true)]
    [InlineData("week: 19", true)]
    [InlineData("hour|gte: 6", true)]
    [InlineData("hour|lt: 7", false)]
    public void TimeParts(string item, bool expected) =>
        Assert.Equal(expected, Detect($"selection:\n    UtcTime|{item}\ncondition: selection", ("UtcTime", "2024-05-06 07:08:09.123")));

    [Fact]
    public void UnknownModifierIsReportedWithPlace()
    {
        var status = LoadFails(RuleYaml("selection:\n    Image|bogus: 'x'\ncondition: selection"));
        Assert.Equal("unknown modifier", status.ReasonCategory);
        Assert.Contains("bogus", status.Reason);
        Assert.Equal(11, status.Line); // the key's line in RuleYaml
    }
}
