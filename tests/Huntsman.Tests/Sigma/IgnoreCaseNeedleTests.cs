using Huntsman.Sigma.Detection;
using Xunit;

namespace Huntsman.Tests.Sigma;

/// <summary>The ASCII-anchored ignore-case search must agree with the framework's OrdinalIgnoreCase Contains everywhere.</summary>
public class IgnoreCaseNeedleTests
{
    [Theory]
    [InlineData(@"\whoami.exe", @"C:\Windows\System32\WHOAMI.EXE", true)]
    [InlineData(" -enc ", "powershell.exe -nop -ENC SQBFAFgA", true)]
    [InlineData("mimikatz", "mimikat", false)]
    [InlineData("", "", true)]
    [InlineData("", "x", true)]
    [InlineData("x", "", false)]
    [InlineData("SEKURLSA", "sekurlſa::logonpasswords", false)] // ordinal ignore-case keeps ASCII apart from long s
    [InlineData("invoke", "ınvoke-expression", false)] // … and from dotless i
    [InlineData("kerberos", "\u212Aerberos", false)] // the Kelvin sign only lower-cases to k
    [InlineData("äbc", "xÄBCx", true)] // no ASCII letter first: framework path
    [InlineData("ab", "xxaxbxab", true)]
    [InlineData("ab", "xxaxbxa", false)]
    public void AgreesWithTheFramework(string text, string value, bool expected)
    {
        Assert.Equal(expected, value.Contains(text, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(expected, new IgnoreCaseNeedle(text).IsIn(value));
    }

    [Fact]
    public void EveryCharEqualToAnAsciiCharIgnoringCaseIsACandidate()
    {
        for (char a = (char)0; a < 128; a++)
        {
            var needle = new IgnoreCaseNeedle(a.ToString());
            for (int x = 0; x <= char.MaxValue; x++)
            {
                var value = ((char)x).ToString();
                if (value.AsSpan().Equals(a.ToString(), StringComparison.OrdinalIgnoreCase))
                    Assert.True(needle.IsIn(value), $"U+{x:X4} equals '{a}' ignoring case but was not found");
            }
        }
    }

    [Fact]
    public void AgreesWithTheFrameworkOnRandomText()
    {
        const string alphabet = "aAbBsSiIkK-\\. ſıİ\u212AÄä\uD801\uDC00\uD801\uDC28";
        var random = new Random(11);
        string Make(int max) => new(Enumerable.Range(0, random.Next(0, max)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        for (int i = 0; i < 20000; i++)
        {
            var text = Make(5);
            var value = Make(24);
            Assert.True(value.Contains(text, StringComparison.OrdinalIgnoreCase) == new IgnoreCaseNeedle(text).IsIn(value), $"'{text}' in '{value}'");
        }
    }
}
