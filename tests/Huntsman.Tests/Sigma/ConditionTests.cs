using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

public class ConditionTests
{
    private const string Selections = """
        d1:
            A: '1'
        d2:
            B: '1'
        d3:
            C: '1'
        detection_4:
            D: '1'
        """;

    private static bool Eval(string condition, string flags) =>
        Detect(Selections + "\ncondition: " + condition,
            flags.Select((c, i) => ("ABCD"[i].ToString(), c.ToString())).ToArray());

    [Theory]
    [InlineData("d1 and d2", "1100", true)]
    [InlineData("d1 and d2", "1000", false)]
    [InlineData("d1 or d2", "0100", true)]
    [InlineData("not d1", "0000", true)]
    [InlineData("not d1", "1000", false)]
    [InlineData("d1 and (d2 or d3)", "1010", true)]
    [InlineData("d1 and (d2 or d3)", "0110", false)]
    [InlineData("not (d1 or d2)", "0010", true)]
    [InlineData("not not d1", "1000", true)]
    public void Operators(string condition, string flags, bool expected) => Assert.Equal(expected, Eval(condition, flags));

    [Theory]
    // pySigma test_precedence: d1 and not d2 or not d3 and detection_4 ≡ OR(AND(d1, NOT d2), AND(NOT d3, d4))
    [InlineData("1000", true)]
    [InlineData("1100", false)]
    [InlineData("0001", true)]
    [InlineData("0011", false)]
    [InlineData("1111", false)]
    public void Precedence(string flags, bool expected) =>
        Assert.Equal(expected, Eval("d1 and not d2 or not d3 and detection_4", flags));

    [Theory]
    [InlineData("1 of d*", "0010", true)]
    [InlineData("any of d*", "0001", true)]
    [InlineData("all of d*", "1110", false)]
    [InlineData("all of d*", "1111", true)]
    [InlineData("1 of them", "0100", true)]
    [InlineData("all of them", "1111", true)]
    [InlineData("1 of d1", "1000", true)]
    [InlineData("not 1 of d*", "0000", true)]
    [InlineData("1 of d* and not d1", "0100", true)]
    public void Quantifiers(string condition, string flags, bool expected) => Assert.Equal(expected, Eval(condition, flags));

    [Fact]
    public void PatternWithoutStarMatchesOnlyThatName()
    {
        // pySigma: '1 of selection' does not pick up selection_extra
        const string d = "selection:\n    A: '1'\nselection_extra:\n    B: '1'\ncondition: 1 of selection";
        Assert.False(Detect(d, ("B", "1")));
        Assert.True(Detect(d, ("A", "1")));
    }

    [Fact]
    public void UnderscoreNamesAreExcludedUnlessThePatternStartsWithUnderscore()
    {
        const string d = "sel:\n    A: '1'\n_hidden:\n    B: '1'\n";
        Assert.False(Detect(d + "condition: 1 of them", ("B", "1")));
        Assert.False(Detect(d + "condition: 1 of *", ("B", "1")));
        Assert.True(Detect(d + "condition: 1 of _*", ("B", "1")));
        Assert.True(Detect(d + "condition: all of them", ("A", "1")));
    }

    [Fact]
    public void IdentifiersMayContainDashes() =>
        Assert.True(Detect("sel-one:\n    A: '1'\ncondition: sel-one", ("A", "1")));

    [Fact]
    public void ConditionListIsOr() =>
        Assert.True(Detect("a:\n    A: '1'\nb:\n    B: '1'\ncondition:\n    - a\n    - b", ("B", "1")));

    [Theory]
    [InlineData("d1 AND d2")]
    [InlineData("d1 and")]
    [InlineData("(d1")]
    [InlineData("d1 d2")]
    [InlineData("2 of d*")]
    [InlineData("1 of x-*")]
    [InlineData("missing")]
    [InlineData("1 of nomatch*")]
    [InlineData("d1 | count() > 5")]
    public void BadConditionsAreReported(string condition)
    {
        var status = LoadFails(RuleYaml(Selections + "\ncondition: " + condition));
        Assert.Contains(status.ReasonCategory, new[] { "bad condition", "deprecated aggregation" });
        Assert.True(status.Line > 0);
    }
}
