using Huntsman.Events;
using Huntsman.Sigma.Correlation;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class EventCountTests
{
    private const string ThreeFailuresIn10s = """
        title: Three failures
        correlation:
            type: event_count
            rules: failed_login
            group-by: User
            timespan: 10s
            condition:
                gte: 3
        """;

    private readonly CorrelationKit kit = new();

    [Fact]
    public void Fires_when_the_third_event_lands_exactly_on_the_window_boundary()
    {
        var events = new[] { kit.At(0, "User=bob"), kit.At(5, "User=bob"), kit.At(10, "User=bob") };
        var matches = CorrelationKit.Run(CorrelationKit.Engine(ThreeFailuresIn10s), events.Select(e => ("failed_login", e)));

        var match = Assert.Single(matches);
        Assert.Equal(3, match.Value);
        Assert.Equal(CorrelationKit.T0, match.Start);
        Assert.Equal(CorrelationKit.T0.AddSeconds(10), match.End);
        Assert.Equal(events, match.Events);
        Assert.Equal("bob", match.GroupValue("User"));
    }

    [Fact]
    public void Does_not_fire_when_the_third_event_is_one_tick_past_the_window()
    {
        var events = new[] { kit.At(0, "User=bob"), kit.At(5, "User=bob"), kit.AtTicks(TimeSpan.FromSeconds(10).Ticks + 1, "User=bob") };
        var matches = CorrelationKit.Run(CorrelationKit.Engine(ThreeFailuresIn10s), events.Select(e => ("failed_login", e)));
        Assert.Empty(matches);
    }

    [Fact]
    public void Groups_are_counted_separately()
    {
        var events = new[]
        {
            kit.At(0, "User=bob"), kit.At(1, "User=amy"), kit.At(2, "User=bob"), kit.At(3, "User=amy"), kit.At(4, "User=carl"),
        };
        var matches = CorrelationKit.Run(CorrelationKit.Engine(ThreeFailuresIn10s), events.Select(e => ("failed_login", e)));
        Assert.Empty(matches);

        var engine = CorrelationKit.Engine(ThreeFailuresIn10s);
        var more = events.Append(kit.At(5, "User=amy"));
        var fired = Assert.Single(CorrelationKit.Run(engine, more.Select(e => ("failed_login", e))));
        Assert.Equal("amy", fired.GroupValue("User"));
        Assert.All(fired.Events, e => Assert.Equal("amy", e.Get("User")));
    }

    [Fact]
    public void Fires_once_per_window_and_again_only_from_later_events()
    {
        // 0,1,2 fire; 3,4 alone do not (the first window's events are spent); 5 completes a second trio.
        var events = Enumerable.Range(0, 6).Select(s => kit.At(s, "User=bob")).ToArray();
        var matches = CorrelationKit.Run(CorrelationKit.Engine(ThreeFailuresIn10s), events.Select(e => ("failed_login", e)));

        Assert.Equal(2, matches.Count);
        Assert.Equal(events[..3], matches[0].Events);
        Assert.Equal(events[3..], matches[1].Events);
    }

    [Fact]
    public void Result_does_not_depend_on_observation_order_or_threads()
    {
        var random = new Random(7);
        var detections = Enumerable.Range(0, 2000)
            .Select(i => ("failed_login", kit.At(random.Next(0, 600), $"User=u{random.Next(0, 5)}")))
            .ToArray();
        string expected = CorrelationKit.Describe(CorrelationKit.Run(CorrelationKit.Engine(ThreeFailuresIn10s), detections));
        Assert.NotEmpty(expected);

        for (int round = 0; round < 3; round++)
        {
            var shuffled = detections.OrderBy(_ => random.Next()).ToArray();
            var engine = CorrelationKit.Engine(ThreeFailuresIn10s);
            Parallel.ForEach(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 4 }, d => engine.Observe(d.Item1 + "-id", d.Item1, d.Item2));
            Assert.Equal(expected, CorrelationKit.Describe(engine.Finish()));
        }
    }

    [Fact]
    public void Events_without_the_group_field_are_dropped_and_counted()
    {
        var engine = CorrelationKit.Engine(ThreeFailuresIn10s);
        var matches = CorrelationKit.Run(engine, new[] { kit.At(0), kit.At(1), kit.At(2) }.Select(e => ("failed_login", e)));
        Assert.Empty(matches);
        Assert.Equal(3, engine.Statistics[0].MissingGroup);
        Assert.Equal(0, engine.Statistics[0].Observed);
    }

    [Fact]
    public void Without_group_by_everything_is_one_group()
    {
        var engine = CorrelationKit.Engine("""
            title: Any three
            correlation:
                type: event_count
                rules: [failed_login]
                timespan: 1m
                condition: {gte: 3}
            """);
        var matches = CorrelationKit.Run(engine, new[] { kit.At(0, "User=a"), kit.At(1, "User=b"), kit.At(2) }.Select(e => ("failed_login", e)));
        var match = Assert.Single(matches);
        Assert.Empty(match.Group);
    }

    [Fact]
    public void An_event_matched_by_two_referenced_rules_counts_once()
    {
        var engine = CorrelationKit.Engine("""
            title: Two rules
            correlation:
                type: event_count
                rules: [rule_a, rule_b]
                timespan: 1m
                condition: {gte: 2}
            """);
        var shared = kit.At(0);
        var matches = CorrelationKit.Run(engine, [("rule_a", shared), ("rule_b", shared)]);
        Assert.Empty(matches);
        Assert.Equal(1, engine.Statistics[0].Duplicates);

        engine = CorrelationKit.Engine("""
            title: Two rules
            correlation:
                type: event_count
                rules: [rule_a, rule_b]
                timespan: 1m
                condition: {gte: 2}
            """);
        Assert.Single(CorrelationKit.Run(engine, [("rule_a", shared), ("rule_b", shared), ("rule_b", kit.At(1))]));
    }

    [Fact]
    public void Rules_are_referenced_by_id_or_name()
    {
        var engine = CorrelationKit.Engine("""
            title: By id
            correlation:
                type: event_count
                rules: 5638f7c0-ac70-491d-8465-2a65075e0d86
                timespan: 1h
                condition: {gte: 2}
            """);
        Assert.Contains("5638f7c0-ac70-491d-8465-2a65075e0d86", engine.ReferencedRules);
        engine.Observe("5638F7C0-AC70-491D-8465-2A65075E0D86", null, kit.At(0));
        engine.Observe("other", "not_referenced", kit.At(1));
        engine.Observe("5638f7c0-ac70-491d-8465-2a65075e0d86", "named", kit.At(2));
        Assert.Equal(2, Assert.Single(engine.Finish()).Value);
    }

    [Fact]
    public void Extreme_timestamps_neither_crash_nor_wrap_around()
    {
        var engine = CorrelationKit.Engine(ThreeFailuresIn10s.Replace("timespan: 10s", "timespan: 1y"));
        var detections = new[]
        {
            new WinEvent { TimeCreated = DateTime.MinValue, RecordId = 1 }, new WinEvent { TimeCreated = DateTime.MinValue, RecordId = 2 },
            new WinEvent { TimeCreated = DateTime.MaxValue, RecordId = 3 }, new WinEvent { TimeCreated = DateTime.MaxValue, RecordId = 4 },
        };
        foreach (var e in detections) e.Add("User", "x");
        Assert.Empty(CorrelationKit.Run(engine, detections.Select(e => ("failed_login", e))));
    }
}
