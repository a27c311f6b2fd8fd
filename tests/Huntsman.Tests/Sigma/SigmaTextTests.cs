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
        Assert.Equal(expected, SigmaText.Compile(SigmaText.Parse(pattern), cased: false).Matches(value, null!));

    [Fact]
    public void WildcardsNeverMatchAbsentField() =>
        Assert.False(SigmaText.Compile(SigmaText.Parse("*"), cased: false).Matches(null, null!));
}
