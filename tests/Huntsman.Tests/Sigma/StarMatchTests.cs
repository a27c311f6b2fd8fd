using System.Text.RegularExpressions;
using Huntsman.Sigma.Detection;
using Xunit;

namespace Huntsman.Tests.Sigma;

/// <summary>'x of pattern' name matching must agree with the anchored regex pySigma builds from the pattern.</summary>
public class StarMatchTests
{
    [Theory]
    [InlineData("selection_*", "selection_img", true)]
    [InlineData("selection_*", "selection_", true)]
    [InlineData("selection_*", "selection", false)]
    [InlineData("selection_*", "Selection_img", false)] // case-sensitive
    [InlineData("*_img", "selection_img", true)]
    [InlineData("sel*img*", "sel_img_img", true)]
    [InlineData("sel*img", "sel_img_x", false)]
    [InlineData("*", "", true)]
    [InlineData("**", "anything", true)]
    [InlineData("a*b*c", "a--b--b--c", true)]
    [InlineData("a*b*c", "a--c--b", false)]
    [InlineData("sel*", "sel\nx", false)] // '.*' does not cross a line break
    [InlineData("sel", "sel\n", true)] // '$' matches before a final line break
    [InlineData("sel", "sel\n\n", false)]
    public void AgreesWithTheRegex(string pattern, string name, bool expected)
    {
        var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
        Assert.Equal(expected, regex.IsMatch(name));
        Assert.Equal(expected, ConditionParser.StarMatch(pattern, name));
    }

    [Fact]
    public void AgreesWithTheRegexOnGeneratedNames()
    {
        var random = new Random(7);
        const string alphabet = "ab_*";
        for (int i = 0; i < 5000; i++)
        {
            var pattern = new string(Enumerable.Range(0, random.Next(1, 7)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var name = new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(3)]).ToArray());
            var regex = new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.CultureInvariant);
            Assert.True(regex.IsMatch(name) == ConditionParser.StarMatch(pattern, name), $"{pattern} vs {name}");
        }
    }
}
