using Huntsman.Sigma.Correlation;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

/// <summary>String conditions of temporal correlations (spec 2.1 schema samples; pySigma's extended conditions).</summary>
public class RuleExpressionTests
{
    private readonly CorrelationKit kit = new();

    private static string Temporal(string condition, string rules = "rules: [recon_a, recon_b, recon_c]", string type = "temporal") => $$"""
        title: Recon
        correlation:
            type: {{type}}
            {{rules}}
            group-by: User
            timespan: 5m
            condition: {{condition}}
        """;

    [Fact]
    public void The_spec_samples_parse_for_both_temporal_types()
    {
        var unordered = CorrelationKit.Rule(Temporal("recon_a AND recon_b AND recon_c"));
        Assert.Equal(["recon_a", "recon_b", "recon_c"], unordered.Condition.Expression!.References);
        Assert.True(unordered.Condition.FiresOnRise);

        var ordered = CorrelationKit.Rule(Temporal("recon_a AND recon_b AND recon_c", type: "temporal_ordered"));
        Assert.Null(ordered.Condition.Expression);
        Assert.Equal([new ConditionBound(ConditionOperator.Gte, 3)], ordered.Condition.Bounds);
    }

    [Fact]
    public void Rules_may_be_left_to_the_condition()
    {
        var rule = CorrelationKit.Rule(Temporal("recon_b and not recon_a", rules: "group-by: [Computer]").Replace("    group-by: User\n", ""));
        Assert.Equal(["recon_b", "recon_a"], rule.Rules);
        Assert.False(rule.Condition.FiresOnRise);
    }

    [Theory]
    [InlineData("recon_a and recon_b", "rules listed but not used in the condition: recon_c")]
    [InlineData("recon_a and recon_b and recon_c and recon_d", "not listed in 'rules': recon_d")]
    [InlineData("(recon_a and recon_b or recon_c", "misses a ')'")]
    [InlineData("recon_a and or recon_b and recon_c", "unexpected 'or'")]
    [InlineData("recon_a recon_b recon_c", "unexpected 'recon_b'")]
    [InlineData("recon_a and recon_b and", "ends where a rule name was expected")]
    public void Bad_expressions_are_located_and_explained(string condition, string message)
    {
        var error = CorrelationKit.Error(Temporal(condition));
        Assert.StartsWith("mr_test.yml:7:16: ", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Ordered_accepts_only_the_all_rules_conjunction()
    {
        Assert.Contains("temporal_ordered accepts only", CorrelationKit.Error(Temporal("recon_a or recon_b or recon_c", type: "temporal_ordered")));
    }

    [Fact]
    public void Deep_nesting_is_refused_not_overflowed()
    {
        var deep = new string('(', 5000) + "recon_a" + new string(')', 5000);
        Assert.Contains("nested deeper than", CorrelationKit.Error(Temporal($"'{deep} and recon_b and recon_c'")));
    }

    [Fact]
    public void Or_is_satisfied_by_either_rule()
    {
        var engine = CorrelationKit.Engine(Temporal("recon_a and (recon_b or recon_c)"));
        var match = Assert.Single(CorrelationKit.Run(engine, [("recon_c", kit.At(0, "User=u")), ("recon_a", kit.At(60, "User=u"))]));
        Assert.Equal(2, match.Value);
    }

    [Fact]
    public void Not_waits_for_the_whole_window_and_rejects_it_when_the_rule_appears()
    {
        var yaml = Temporal("recon_a and recon_b and not recon_c");
        var spoiled = new[] { ("recon_a", kit.At(0, "User=u")), ("recon_b", kit.At(10, "User=u")), ("recon_c", kit.At(200, "User=u")) };
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(yaml), spoiled));

        var clean = new[] { ("recon_a", kit.At(0, "User=u")), ("recon_b", kit.At(10, "User=u")), ("recon_c", kit.At(400, "User=u")) };
        var match = Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(yaml), clean));
        Assert.Equal(CorrelationKit.T0.AddSeconds(10), match.End);
    }
}
