using Huntsman.Sigma.Correlation;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class CorrelationRuleTests
{
    [Fact]
    public void Reads_every_documented_key()
    {
        var rule = CorrelationKit.Rule("""
            title: Many failed logins
            id: 0e95725d-7320-415d-80f7-004da920fc11
            name: many_failed_logins
            status: experimental
            description: Ten failures per host and hour
            author: Huntsman tests
            date: 2024-06-16
            modified: 2024-07-01
            tags:
                - attack.credential-access
                - attack.t1110
            references: https://example.org/brute-force
            falsepositives:
                - Misconfigured service accounts
            level: high
            correlation:
                type: event_count
                rules:
                    - 5638f7c0-ac70-491d-8465-2a65075e0d86
                    - failed_login
                group-by:
                    - ComputerName
                    - TargetUserName
                timespan: 1h
                condition:
                    gte: 10
                generate: yes
            """, "rules/mr_many_failed_logins.yml");

        Assert.Equal("Many failed logins", rule.Title);
        Assert.Equal("0e95725d-7320-415d-80f7-004da920fc11", rule.Id);
        Assert.Equal("many_failed_logins", rule.Name);
        Assert.Equal("experimental", rule.Status);
        Assert.Equal("high", rule.Level);
        Assert.Equal("Ten failures per host and hour", rule.Description);
        Assert.Equal("Huntsman tests", rule.Author);
        Assert.Equal(new DateOnly(2024, 6, 16), rule.Date);
        Assert.Equal(new DateOnly(2024, 7, 1), rule.Modified);
        Assert.Equal(["attack.credential-access", "attack.t1110"], rule.Tags);
        Assert.Equal(["https://example.org/brute-force"], rule.References);
        Assert.Equal(["Misconfigured service accounts"], rule.FalsePositives);
        Assert.Equal(CorrelationType.EventCount, rule.Type);
        Assert.Equal(["5638f7c0-ac70-491d-8465-2a65075e0d86", "failed_login"], rule.Rules);
        Assert.Equal(["ComputerName", "TargetUserName"], rule.GroupBy);
        Assert.Equal(TimeSpan.FromHours(1), rule.Timespan);
        Assert.Equal("1h", rule.TimespanText);
        Assert.Equal([new ConditionBound(ConditionOperator.Gte, 10)], rule.Condition.Bounds);
        Assert.True(rule.Generate);
        Assert.Equal("rules/mr_many_failed_logins.yml:1:1", rule.Location);
    }

    // Our own equivalents of the specification's example shapes, one per correlation type.
    [Theory]
    [InlineData("event_count", "group-by: [ComputerName]\n    timespan: 1h\n    condition: {gte: 100}", 1, 3600)]
    [InlineData("event_count", "group-by: [dns.question.name]\n    timespan: 1h\n    condition: {gte: 100}", 1, 3600)]
    [InlineData("value_count", "group-by: [ComputerName, WorkstationName]\n    timespan: 1d\n    condition: {field: User, gte: 100}", 1, 86400)]
    [InlineData("temporal", "group-by: [ComputerName, User]\n    timespan: 5m", 3, 300)]
    [InlineData("temporal_ordered", "group-by: [ComputerName, User]\n    timespan: 5m", 3, 300)]
    [InlineData("value_sum", "group-by: [SourceIP, User]\n    timespan: 24h\n    condition: {field: BytesOut, gt: 1000000}", 1, 86400)]
    [InlineData("value_avg", "group-by: [SourceIP, User]\n    timespan: 24h\n    condition: {field: BytesOut, gt: 500}", 1, 86400)]
    [InlineData("value_percentile", "group-by: [ComputerName]\n    timespan: 24h\n    condition: {field: Image, percentile: 99, lte: 1}", 1, 86400)]
    [InlineData("value_median", "timespan: 2w\n    condition: {field: BytesOut, gt: 500}", 1, 1209600)]
    public void Parses_the_example_shape_of_each_type(string type, string body, int ruleCount, int seconds)
    {
        var rules = ruleCount == 1 ? "rules: [base_rule]" : "rules: [recon_a, recon_b, recon_c]";
        var rule = CorrelationKit.Rule($"title: {type} example\ncorrelation:\n    type: {type}\n    {rules}\n    {body}\n");
        Assert.Equal(TimeSpan.FromSeconds(seconds), rule.Timespan);
        Assert.Equal(ruleCount, rule.Rules.Count);
        Assert.NotEmpty(rule.Condition.Bounds);
        if (type.StartsWith("temporal", StringComparison.Ordinal))
            Assert.Equal([new ConditionBound(ConditionOperator.Gte, 3)], rule.Condition.Bounds); // all rules, as pySigma
        if (type == "value_median") Assert.Equal(50, rule.Condition.Percentile);
        if (type == "value_percentile") Assert.Equal(99, rule.Condition.Percentile);
    }

    [Fact]
    public void A_range_condition_keeps_every_bound()
    {
        var rule = CorrelationKit.Rule("""
            title: Between 101 and 200
            correlation:
                type: event_count
                rules: r
                timespan: 1h
                condition:
                    gt: 100
                    lte: 200
            """);
        Assert.Equal([new ConditionBound(ConditionOperator.Gt, 100), new ConditionBound(ConditionOperator.Lte, 200)], rule.Condition.Bounds);
        Assert.False(rule.Condition.IsMetBy(100));
        Assert.True(rule.Condition.IsMetBy(101));
        Assert.True(rule.Condition.IsMetBy(200));
        Assert.False(rule.Condition.IsMetBy(201));
        Assert.False(rule.Condition.FiresOnRise);
    }

    [Theory]
    [InlineData("30s", 30)]
    [InlineData("90m", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("1w", 604800)]
    [InlineData("1M", 2629746)]
    [InlineData("1y", 31556952)]
    public void Timespans_accept_spec_and_pysigma_units(string text, long seconds)
    {
        Assert.True(CorrelationTimespan.TryParse(text, out var span, out _));
        Assert.Equal(TimeSpan.FromSeconds(seconds), span);
    }

    [Theory]
    [InlineData("type: event_cnt", 3, 11, "'event_cnt' is not a correlation type")]
    [InlineData("timespan: 15", 5, 15, "timespan '15' must be a number and a unit")]
    [InlineData("timespan: 0m", 5, 15, "must be greater than zero")]
    [InlineData("timespan: 99999999999y", 5, 15, "must be greater than zero and at most")]
    [InlineData("condition: {gte: many}", 6, 22, "'gte' needs a number, not 'many'")]
    [InlineData("condition: {gt: 200, lt: 100}", 6, 16, "can never be true")]
    [InlineData("condition: {above: 3}", 6, 17, "unknown key 'above' in condition")]
    [InlineData("condition: {}", 6, 16, "condition needs at least one of gt, gte, lt, lte, eq, neq")]
    [InlineData("condition: 'a and b'", 6, 16, "string condition")]
    [InlineData("condition: {gte: 3, field: User}", 6, 25, "'field' is only meaningful for value_*")]
    [InlineData("group_by: [User]", 7, 5, "unknown key 'group_by' in 'correlation'")]
    [InlineData("generate: maybe", 7, 15, "'generate' must be true or false, not 'maybe'")]
    [InlineData("aliases: [a, b]", 7, 14, "'aliases' must map each alias")]
    [InlineData("rules: []", 4, 12, "'rules' must name at least one rule")]
    [InlineData("rules: {a: b}", 4, 12, "'rules' must be a string or a list of strings")]
    public void Errors_name_file_line_column_and_the_problem(string replacement, int line, int column, string message)
    {
        var lines = new List<string> { "title: Broken", "correlation:", "    type: event_count", "    rules: base", "    timespan: 5m", "    condition: {gte: 3}" };
        var key = replacement[..replacement.IndexOf(':')];
        int at = lines.FindIndex(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
        if (at >= 0) lines[at] = "    " + replacement;
        else lines.Add("    " + replacement);

        var error = CorrelationKit.Error(string.Join("\n", lines), "rules/mr_broken.yml");
        Assert.StartsWith($"rules/mr_broken.yml:{line}:{column}: ", error);
        Assert.Contains(message, error);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var error = CorrelationKit.Error("""
            level: severe
            correlation:
                type: value_sum
                timespan: 1x
                condition: {gte: 3}
            """);
        var lines = error.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("mr_test.yml:1:1: missing 'title'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("mr_test.yml:1:8: level 'severe'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("'rules' must name at least one rule"));
        Assert.Contains(lines, l => l.StartsWith("mr_test.yml:4:15: timespan '1x'", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("value_sum needs 'field' in its condition"));
    }

    [Fact]
    public void Value_percentile_without_a_percentile_is_rejected()
    {
        var error = CorrelationKit.Error("""
            title: Rare process names
            correlation:
                type: value_percentile
                rules: process_creation
                group-by: ComputerName
                timespan: 24h
                condition:
                    field: Image
                    lte: 1
            """);
        Assert.Contains("mr_test.yml:8:9: value_percentile needs 'percentile'", error);
    }

    [Fact]
    public void Non_temporal_types_need_a_condition_and_value_types_one_field()
    {
        Assert.Contains("missing 'condition' (required for event_count)",
            CorrelationKit.Error("title: t\ncorrelation:\n    type: event_count\n    rules: r\n    timespan: 1m\n"));
        Assert.Contains("value_avg aggregates exactly one numeric field, not 2",
            CorrelationKit.Error("title: t\ncorrelation:\n    type: value_avg\n    rules: r\n    timespan: 1m\n    condition: {field: [a, b], gt: 1}\n"));
    }

    [Fact]
    public void A_detection_next_to_a_correlation_is_rejected()
    {
        var error = CorrelationKit.Error("title: t\ndetection:\n    sel: {a: b}\n    condition: sel\ncorrelation:\n    type: temporal\n    rules: [a, b]\n    timespan: 1m\n");
        Assert.Contains("mr_test.yml:3:5: a correlation rule cannot also have a 'detection'", error);
    }
}
