using System.Text.RegularExpressions;
using Huntsman.Sigma.Detection;
using Xunit;

namespace Huntsman.Tests.Sigma;

/// <summary>An often used regex switches to a compiled backtracking engine in the background; its answers must not change.</summary>
public class RegexEngineTests
{
    /// <param name="warmUp">A value that passes the matcher's literal pre-check, so the regex runs and its uses count.</param>
    private static RegexMatcher WarmedUp(string pattern, string warmUp)
    {
        var matcher = new RegexMatcher(pattern, RegexOptions.None, TimeSpan.FromSeconds(5), new SigmaRuleCounter());
        for (int i = 0; i < 600; i++) matcher.Matches(warmUp, true, null!);
        Assert.True(SpinWait.SpinUntil(() => matcher.HasCompiledEngine, TimeSpan.FromSeconds(30)), "no compiled engine was built");
        return matcher;
    }

    [Theory]
    [InlineData(@"net\s+user\s+", "cmd /c net  user admin /add", true)]
    [InlineData(@"net\s+user\s+", "cmd /c net use z:", false)]
    [InlineData(@"\s[a-fA-F0-9]{8}\s[a-fA-F0-9]{4}", "x DEADBEEF 12ab", true)] // counted repetition: backtracking from the start
    [InlineData(@"\s[a-fA-F0-9]{8}\s[a-fA-F0-9]{4}", "x DEADBEEX 12ab", false)]
    [InlineData(@"(?i)^abc$", "ABC", true)]
    public void CompiledEngineGivesTheSameAnswers(string pattern, string value, bool expected)
    {
        var matcher = WarmedUp(pattern, "net user abc");
        Assert.Equal(expected, matcher.Matches(value, true, null!));
    }

    [Fact]
    public void InputTheCompiledEngineCannotFinishGoesToTheSafeEngine()
    {
        // Backtracking spends its time on (a+)+c before it reaches the b at the end and times out; the non-backtracking
        // engine answers at once: the match must come from it.
        var matcher = WarmedUp(@"(a+)+c|b", "xb");
        Assert.True(matcher.Matches(new string('a', 40) + "!b", true, null!));
        Assert.False(matcher.Matches(new string('a', 40) + "!", true, null!));
    }
}
