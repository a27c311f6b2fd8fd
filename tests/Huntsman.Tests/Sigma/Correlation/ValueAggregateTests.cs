using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class ValueAggregateTests
{
    private readonly CorrelationKit kit = new();

    private static string Rule(string type, string condition) => $$"""
        title: {{type}}
        correlation:
            type: {{type}}
            rules: transfer
            group-by: User
            timespan: 1h
            condition:
                field: Bytes
                {{condition}}
        """;

    [Fact]
    public void Sum_adds_numeric_values_ignoring_and_counting_the_rest()
    {
        var engine = CorrelationKit.Engine(Rule("value_sum", "gte: 1000"));
        var events = new[]
        {
            kit.At(0, "User=u", "Bytes=400"), kit.At(1, "User=u", "Bytes=300"), kit.At(2, "User=u", "Bytes=n/a"),
            kit.At(3, "User=u"), kit.At(4, "User=u", "Bytes=0x12C"),
        };
        var match = Assert.Single(CorrelationKit.Run(engine, events.Select(e => ("transfer", e))));
        Assert.Equal(1000, match.Value);
        Assert.Equal(3, match.Events.Count);
        Assert.Equal(2, engine.Statistics[0].IgnoredValues);
    }

    [Fact]
    public void Sum_forgets_values_that_left_the_window()
    {
        var events = new[] { kit.At(0, "User=u", "Bytes=600"), kit.At(3600.5, "User=u", "Bytes=600") };
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(Rule("value_sum", "gte: 1000")), events.Select(e => ("transfer", e))));
    }

    [Fact]
    public void Average_is_taken_over_the_window()
    {
        var events = new[] { kit.At(0, "User=u", "Bytes=100"), kit.At(1, "User=u", "Bytes=200"), kit.At(2, "User=u", "Bytes=1500") };
        var match = Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(Rule("value_avg", "gt: 500")), events.Select(e => ("transfer", e))));
        Assert.Equal(600, match.Value);
    }

    [Fact]
    public void Percentile_interpolates_between_ranks()
    {
        // An upper bound is judged on the whole window once it can no longer grow (here: at the end of data).
        var engine = CorrelationKit.Engine(Rule("value_percentile", "percentile: 90\n        lt: 100000"));
        var events = Enumerable.Range(1, 10).Select(i => kit.At(i, "User=u", $"Bytes={i * 100}"));
        var match = Assert.Single(CorrelationKit.Run(engine, events.Select(e => ("transfer", e))));
        Assert.Equal(910, match.Value!.Value, 9);
    }

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var engine = CorrelationKit.Engine(Rule("value_median", "neq: -1"));
        var events = new[] { 4, 1, 3, 2 }.Select((v, i) => kit.At(i, "User=u", $"Bytes={v}"));
        Assert.Equal(2.5, Assert.Single(CorrelationKit.Run(engine, events.Select(e => ("transfer", e)))).Value);
    }

    [Fact]
    public void Percentile_drops_values_as_they_leave_the_window()
    {
        // Median over a sliding 1 h window: the early 1,000,000 leaves before the later window is judged.
        var engine = CorrelationKit.Engine(Rule("value_median", "lte: 10"));
        var events = new[]
        {
            kit.At(0, "User=u", "Bytes=1000000"), kit.At(1800, "User=u", "Bytes=5"), kit.At(3700, "User=u", "Bytes=7"),
        };
        var match = Assert.Single(CorrelationKit.Run(engine, events.Select(e => ("transfer", e))));
        Assert.Equal(6, match.Value);
        Assert.Equal(2, match.Events.Count);
    }
}
