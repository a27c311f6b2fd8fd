using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class ValueCountTests
{
    private readonly CorrelationKit kit = new();

    private const string SprayAcrossAccounts = """
        title: Password spray
        correlation:
            type: value_count
            rules: failed_login
            group-by: [IpAddress]
            timespan: 1m
            condition:
                field: TargetUserName
                gte: 3
        """;

    [Fact]
    public void Counts_distinct_values_not_events()
    {
        var events = new[]
        {
            kit.At(0, "IpAddress=10.0.0.5", "TargetUserName=amy"),
            kit.At(1, "IpAddress=10.0.0.5", "TargetUserName=amy"),
            kit.At(2, "IpAddress=10.0.0.5", "TargetUserName=bob"),
            kit.At(3, "IpAddress=10.0.0.9", "TargetUserName=carl"),
            kit.At(4, "IpAddress=10.0.0.5", "TargetUserName=bob"),
        };
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(SprayAcrossAccounts), events.Select(e => ("failed_login", e))));

        var engine = CorrelationKit.Engine(SprayAcrossAccounts);
        var match = Assert.Single(CorrelationKit.Run(engine, events.Append(kit.At(60, "IpAddress=10.0.0.5", "TargetUserName=dan")).Select(e => ("failed_login", e))));
        Assert.Equal(3, match.Value);
        Assert.Equal("10.0.0.5", match.GroupValue("IpAddress"));
        Assert.Equal(5, match.Events.Count); // the window [0 s, 60 s] of that source, repeats included
    }

    [Fact]
    public void A_value_that_left_the_window_no_longer_counts()
    {
        var events = new[]
        {
            kit.At(0, "IpAddress=1", "TargetUserName=amy"),
            kit.At(30, "IpAddress=1", "TargetUserName=bob"),
            kit.AtTicks(TimeSpan.FromSeconds(60).Ticks + 1, "IpAddress=1", "TargetUserName=carl"),
        };
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(SprayAcrossAccounts), events.Select(e => ("failed_login", e))));
    }

    [Fact]
    public void Events_without_the_field_are_ignored_and_counted()
    {
        var engine = CorrelationKit.Engine(SprayAcrossAccounts);
        var events = new[] { kit.At(0, "IpAddress=1"), kit.At(1, "IpAddress=1", "TargetUserName=a") };
        Assert.Empty(CorrelationKit.Run(engine, events.Select(e => ("failed_login", e))));
        Assert.Equal(1, engine.Statistics[0].IgnoredValues);
        Assert.Equal(1, engine.Statistics[0].Observed);
    }

    [Fact]
    public void Several_fields_count_distinct_combinations()
    {
        var engine = CorrelationKit.Engine("""
            title: Pairs
            correlation:
                type: value_count
                rules: r
                timespan: 1h
                condition:
                    field: [User, Computer]
                    gte: 3
            """);
        var events = new[]
        {
            kit.At(0, "User=a", "Computer=x"), kit.At(1, "User=a", "Computer=y"), kit.At(2, "User=b", "Computer=x"),
        };
        Assert.Equal(3, Assert.Single(CorrelationKit.Run(engine, events.Select(e => ("r", e)))).Value);
    }
}
