using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

/// <summary>Conditions with an upper bound (ranges, lt, eq) are judged on windows that can no longer grow.</summary>
public class ConditionRangeTests
{
    private readonly CorrelationKit kit = new();

    private static string Count(string condition) => $$"""
        title: count rule
        correlation:
            type: event_count
            rules: r
            group-by: Computer
            timespan: 10s
            condition: {{condition}}
        """;

    [Fact]
    public void A_range_matches_a_burst_inside_it_and_not_one_above_it()
    {
        var small = new[] { 0.0, 1, 2 }.Select(s => kit.At(s));
        var large = new[] { 100.0, 101, 102, 103, 104, 105 }.Select(s => kit.At(s));
        var matches = CorrelationKit.Run(CorrelationKit.Engine(Count("{gt: 2, lte: 4}")), small.Concat(large).Select(e => ("r", e)));
        var match = Assert.Single(matches);
        Assert.Equal(3, match.Value);
        Assert.Equal(CorrelationKit.T0.AddSeconds(2), match.End);
    }

    [Fact]
    public void A_range_is_not_met_early_by_a_window_that_is_still_growing()
    {
        // gte: 3 alone fires at the third event of a burst; with lte: 5 the whole burst of 6 is judged, and is too large.
        var burst = Enumerable.Range(0, 6).Select(s => kit.At(s));
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(Count("{gte: 3, lte: 5}")), burst.Select(e => ("r", e))));
        Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(Count("{gte: 3}")), Enumerable.Range(0, 5).Select(s => ("r", kit.At(s)))));
    }

    [Fact]
    public void Less_than_matches_quiet_windows_once_each()
    {
        var events = new[] { 0.0, 100, 101, 102, 103, 200 }.Select(s => kit.At(s));
        var matches = CorrelationKit.Run(CorrelationKit.Engine(Count("{lt: 3}")), events.Select(e => ("r", e)));
        Assert.Equal([1.0, 1], matches.Select(m => m.Value!.Value));
        Assert.Equal([CorrelationKit.T0, CorrelationKit.T0.AddSeconds(200)], matches.Select(m => m.Start));
    }

    [Fact]
    public void Equal_matches_only_the_exact_count()
    {
        var events = new[] { 0.0, 1, 50, 51, 52, 100, 101 }.Select(s => kit.At(s));
        var matches = CorrelationKit.Run(CorrelationKit.Engine(Count("{eq: 2}")), events.Select(e => ("r", e)));
        Assert.Equal([CorrelationKit.T0, CorrelationKit.T0.AddSeconds(100)], matches.Select(m => m.Start));
    }

    [Fact]
    public void A_window_is_complete_when_the_next_event_pushes_out_its_first_by_one_tick()
    {
        // Events at 0 and 10 s share a window; an event at 10 s + 1 tick evicts the first (one tick past the boundary).
        var events = new[] { kit.AtTicks(0), kit.At(10), kit.AtTicks(TimeSpan.FromSeconds(10).Ticks + 1) };
        var matches = CorrelationKit.Run(CorrelationKit.Engine(Count("{eq: 2}")), events.Select(e => ("r", e)));
        var match = Assert.Single(matches);
        Assert.Equal([CorrelationKit.T0, CorrelationKit.T0.AddSeconds(10)], match.Events.Select(e => e.TimeCreated));
    }
}
