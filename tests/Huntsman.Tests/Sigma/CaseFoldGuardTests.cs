using Huntsman.Sigma.Detection;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// Globs and ignore-case regexes pre-check the longest run of their literal text that every match contains ignoring
/// case: a glob's runs stop at i, k, s and non-ASCII chars, an ignore-case regex's at k (Kelvin sign) and non-ASCII
/// chars (<see cref="RegexCaseFoldTests"/> measures why).
/// </summary>
public class CaseFoldGuardTests
{
    [Fact]
    public void LongestRunWithoutFoldingSurprises()
    {
        Assert.Equal("tem32\\", IgnoreCaseNeedle.CaseFoldGuard([@"\Windows\System32\"]));
        Assert.Equal("\\AppData\\Local", IgnoreCaseNeedle.CaseFoldGuard([@"\AppData\Local", "Temp"]));
        Assert.Null(IgnoreCaseNeedle.CaseFoldGuard(["is", "sik"]));
    }

    [Theory]
    [InlineData(@"C:\WINDOWS\system32\cmd.exe", true)]
    [InlineData("C:\\w\u0131ndows\\x\\cmd.exe", false)] // the invariant upper case of dotless i is itself: no I
    [InlineData(@"C:\Program Files\cmd.exe", false)]
    // Sigma: '\\*' is a backslash, then a wildcard.
    public void GlobWithFoldingLettersMatchesAsBefore(string image, bool expected) =>
        Assert.Equal(expected, Detect("selection:\n    Image|contains: '\\windows\\\\*\\cmd.exe'\ncondition: selection", ("Image", image)));

    [Fact]
    public void IgnoreCaseRegexIsNotPrefilteredOnLettersItFoldsWider()
    {
        // (?i)k also matches the Kelvin sign, which ordinal ignore-case does not equate with k: the prefilter must not drop it.
        Assert.True(Detect("selection:\n    CommandLine|re: '(?i)mimikatz'\ncondition: selection", ("CommandLine", "x mimi\u212Aatz y")));
    }
}
