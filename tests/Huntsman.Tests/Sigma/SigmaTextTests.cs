using Huntsman.Sigma.Detection;
using Xunit;

namespace Huntsman.Tests.Sigma;

public class SigmaTextTests
{
    private static string Show(List<SigmaPart> parts) => string.Join("|", parts.Select(p => p.IsWildcard ? $"<{p.Wildcard}>" : p.Text));

    [Theory]
    // pySigma tests/test_types.py vectors (YAML single-quoted, so one backslash each)
    [InlineData(@"escaped\*\?\\*?", @"escaped*?\|<*>|<?>")]
    [InlineData(@"escaped\nonspecial", @"escaped\nonspecial")]
    [InlineData(@"finalescape\", @"finalescape\")]
    [InlineData(@"\\*", @"\|<*>")]
    [InlineData(@"\\\*", @"\*")]
    [InlineData(@"\\\\", @"\\")]
    [InlineData(@"a**b", @"a|<*>|b")]
    [InlineData(@"C:\Windows\cmd.exe", @"C:\Windows\cmd.exe")]
    public void ParsesLikePySigma(string raw, string expected) => Assert.Equal(expected, Show(SigmaText.Parse(raw)));

    [Theory]
    [InlineData(@"*\cmd.exe", @"C:\Windows\System32\CMD.EXE", true)]
    [InlineData(@"*\cmd.exe", @"C:\Windows\System32\cmd.exe.bak", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("a?c", "ac", false)]
    [InlineData("a*b*c", "a--b--b--c", true)]
    [InlineData("a*b*c", "a--c--b", false)]
    [InlineData(@"literal\*star", "literal*star", true)]
    [InlineData(@"literal\*star", "literalXstar", false)]
    [InlineData(@"what\?", "what?", true)]
    [InlineData("*", "", true)]
    [InlineData("", "", true)]
    [InlineData("", "x", false)]
    [InlineData("ÄBC*", "äbcdef", true)] // culture-invariant Unicode case folding, not ASCII-only
    public void WildcardsMatch(string pattern, string value, bool expected) =>
        Assert.Equal(expected, SigmaText.Compile(SigmaText.Parse(pattern), cased: false).Matches(value, true, null!));

    [Fact]
    public void WildcardsNeverMatchAbsentField() =>
        Assert.False(SigmaText.Compile(SigmaText.Parse("*"), cased: false).Matches([], false, null!));
}

public class RegexLiteralTests
{
    [Theory]
    [InlineData(@"ping\s+-n.{6,64}echo EEEE\s?>\s?", "echo EEEE")]
    [InlineData(@"ipconfig\s+/all", "ipconfig")]
    [InlineData(@"\\temp\\res\.ip", @"\temp\res.ip")]
    [InlineData(@"abcd?ef", "abc")]
    [InlineData(@"ab+cdef", "cdef")]
    [InlineData(@"x(abc|def)yz", "yz")]
    [InlineData(@"(?i)invoke-mimikatz", "invoke-mimikatz")]
    [InlineData(@"[a-z]+longword[0-9]", "longword")]
    [InlineData(@"a|b", null)]
    [InlineData(@"(?x) a b c", null)]
    [InlineData(@".{1000,}", null)]
    [InlineData(@"\x41BC", null)]
    [InlineData(@"^\d+$", null)]
    public void FindsTextEveryMatchContains(string pattern, string? expected) =>
        Assert.Equal(expected, Huntsman.Sigma.Detection.RegexLiteral.Required(pattern));
}
