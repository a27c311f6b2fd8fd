using System.Text;
using System.Text.RegularExpressions;
using Huntsman.Sigma.Detection;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// An ignore-case regex is prefiltered on a run of its literal text, searched ordinal ignoring case: sound only where
/// the regex engine equates an ASCII char with no char that ordinal ignore-case keeps apart from it. Measured here over
/// every char, for every engine the matcher builds, so a runtime whose case tables grow makes these tests fail.
/// </summary>
public class RegexCaseFoldTests
{
    private static readonly string EveryChar = BuildEveryChar();

    private static string BuildEveryChar()
    {
        var all = new StringBuilder();
        for (int c = 0; c <= char.MaxValue; c++)
            if (!char.IsSurrogate((char)c)) all.Append((char)c);
        return all.ToString();
    }

    public static TheoryData<RegexOptions> Engines() => new()
    {
        RegexOptions.None, RegexOptions.Compiled, RegexOptions.NonBacktracking,
    };

    /// <summary>The chars <paramref name="c"/> matches ignoring case that ordinal ignore-case does not equate with it.</summary>
    private static List<char> WiderThanOrdinal(char c, string pattern, RegexOptions options) =>
        new Regex(pattern, options | RegexOptions.CultureInvariant).Matches(EveryChar).Select(m => m.Value[0])
            .Where(x => !x.ToString().Equals(c.ToString(), StringComparison.OrdinalIgnoreCase)).ToList();

    [Theory]
    [MemberData(nameof(Engines))]
    public void OnlyTheExcludedAsciiCharsFoldWiderThanOrdinal(RegexOptions engine)
    {
        for (char c = '\0'; c < 128; c++)
        {
            var escaped = Regex.Escape(c.ToString());
            var wider = WiderThanOrdinal(c, escaped, engine | RegexOptions.IgnoreCase).Concat(WiderThanOrdinal(c, "(?i)" + escaped, engine)).ToList();
            if (IgnoreCaseNeedle.RegexWiderFolds.Contains(c)) Assert.Equal(new[] { '\u212A', '\u212A' }, wider); // Kelvin sign
            else Assert.True(wider.Count == 0, $"'{c}' also matches {string.Join(",", wider.Select(x => $"U+{(int)x:X4}"))}");
        }
    }

    [Theory]
    [InlineData(@"(?i)(?:set).*&&\s?set.*(?:environment|invoke|\$\{?input).*&&.*""", RegexOptions.None, "set")]
    [InlineData(@"cmd.{0,5}(?:/c|/r)(?:\s|)\""set\s[a-zA-Z]{3,6}", RegexOptions.None, "\"set")] // (?: keeps the case
    [InlineData(@"(?i)\$\{`?e`?n`?v`?:`?p`?a`?t`?h`?\}", RegexOptions.None, "${")] // short runs gate too
    [InlineData(@"\w+`(?:\w+|-|.)`[\w+|\s]", RegexOptions.None, "`")]
    [InlineData(@"(?i)mimikatz", RegexOptions.None, "mimi")] // k: Kelvin sign
    [InlineData(@"mimikatz", RegexOptions.IgnoreCase, "mimi")]
    [InlineData(@"(?mi:x)mimikatz", RegexOptions.None, "mimi")]
    [InlineData(@"(?-i)mimikatz", RegexOptions.None, "mimi")] // any inline i counts: a shorter guard costs only speed
    [InlineData(@"(?<name>x)mimikatz", RegexOptions.None, "mimikatz")]
    [InlineData(@"(?i)kk", RegexOptions.None, null)]
    public void GuardIsTheLongestRunTheCaseAllows(string pattern, RegexOptions flags, string? expected) =>
        Assert.Equal(expected, new RegexMatcher(pattern, flags, TimeSpan.FromSeconds(1), new SigmaRuleCounter()).RequiredLiteral);

    [Theory]
    [InlineData("cmd /c SET a=1&& sEt b", true)]
    [InlineData("cmd /c \u017Fet a=1&& set b", false)] // long s: the regex keeps it apart from s, as ordinal does
    [InlineData("cmd /c echo a&& echo b", false)]
    public void IgnoreCaseRegexWithAnSIsGatedAndStillMatches(string commandLine, bool expected) =>
        Assert.Equal(expected, Detect("selection:\n    CommandLine|re: '(?i)(?:set).*&&\\s?set'\ncondition: selection", ("CommandLine", commandLine)));

    [Theory]
    [InlineData("x $\u212A y", true)] // a one-char guard before the Kelvin sign
    [InlineData("x $K y", true)]
    [InlineData("x K y", false)]
    public void KelvinSignAfterAShortGuardStillMatches(string commandLine, bool expected) =>
        Assert.Equal(expected, Detect("selection:\n    CommandLine|re: '(?i)\\$k'\ncondition: selection", ("CommandLine", commandLine)));
}
