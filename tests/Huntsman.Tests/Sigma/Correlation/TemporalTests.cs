using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class TemporalTests
{
    private readonly CorrelationKit kit = new();

    private static string Recon(string type) => $$"""
        title: Recon {{type}}
        correlation:
            type: {{type}}
            rules:
                - recon_a
                - recon_b
                - recon_c
            group-by:
                - Computer
                - User
            timespan: 5m
        """;

    [Fact]
    public void Unordered_fires_when_all_rules_match_in_any_order()
    {
        var detections = new[]
        {
            ("recon_c", kit.At(0, "User=bob")), ("recon_a", kit.At(10, "User=bob")), ("recon_a", kit.At(20, "User=amy")),
            ("recon_b", kit.At(300, "User=bob")),
        };
        var match = Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal")), detections));
        Assert.Equal(3, match.Value);
        Assert.Equal([new("Computer", "HOST1"), new("User", "bob")], match.Group);
        Assert.Equal(3, match.Events.Count);
    }

    [Fact]
    public void Unordered_needs_every_rule_inside_one_window()
    {
        var detections = new[]
        {
            ("recon_c", kit.At(0, "User=bob")), ("recon_a", kit.At(10, "User=bob")), ("recon_b", kit.At(300.5, "User=bob")),
        };
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal")), detections));
    }

    [Fact]
    public void Ordered_fires_only_in_the_listed_order()
    {
        var outOfOrder = new[] { ("recon_c", kit.At(0, "User=bob")), ("recon_a", kit.At(10, "User=bob")), ("recon_b", kit.At(20, "User=bob")) };
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal_ordered")), outOfOrder));
        Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal")), outOfOrder));

        var inOrder = outOfOrder.Append(("recon_c", kit.At(30, "User=bob")));
        var match = Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal_ordered")), inOrder));
        // The chain is a(10) → b(20) → c(30); the c at 0 came too early to count.
        Assert.Equal([10.0, 20, 30], match.Events.Select(e => (e.TimeCreated - CorrelationKit.T0).TotalSeconds));
        Assert.Equal(3, match.Value);
    }

    [Fact]
    public void Ordered_keeps_the_latest_start_so_a_chain_can_outlive_an_early_first_step()
    {
        // a(0) is too old for c(400); a(200) → b(250) → c(400) fits in 5 minutes.
        var detections = new[]
        {
            ("recon_a", kit.At(0, "User=u")), ("recon_b", kit.At(100, "User=u")), ("recon_a", kit.At(200, "User=u")),
            ("recon_b", kit.At(250, "User=u")), ("recon_c", kit.At(400, "User=u")),
        };
        var match = Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal_ordered")), detections));
        Assert.Equal([200.0, 250, 400], match.Events.Select(e => (e.TimeCreated - CorrelationKit.T0).TotalSeconds));
    }

    [Fact]
    public void Ordered_with_a_repeated_rule_needs_two_distinct_events()
    {
        var yaml = """
            title: Twice then other
            correlation:
                type: temporal_ordered
                rules: [step, step, done]
                timespan: 1m
            """;
        var single = kit.At(0);
        Assert.Empty(CorrelationKit.Run(CorrelationKit.Engine(yaml), [("step", single), ("done", kit.At(1))]));
        var match = Assert.Single(CorrelationKit.Run(CorrelationKit.Engine(yaml), [("step", kit.At(0)), ("step", kit.At(1)), ("done", kit.At(2))]));
        Assert.Equal(3, match.Events.Count);
    }

    [Fact]
    public void Aliases_group_differently_named_fields_across_two_rules()
    {
        var engine = CorrelationKit.Engine("""
            title: Error then connection from the same pair
            correlation:
                type: temporal
                rules:
                    - internal_error
                    - new_network_connection
                group-by:
                    - internal_ip
                    - remote_ip
                timespan: 10s
                aliases:
                    internal_ip:
                        internal_error: DestinationIp
                        new_network_connection: SourceIp
                    remote_ip:
                        internal_error: SourceIp
                        new_network_connection: DestinationIp
            """);
        var detections = new[]
        {
            ("internal_error", kit.At(0, "SourceIp=203.0.113.7", "DestinationIp=10.0.0.1")),
            ("new_network_connection", kit.At(2, "SourceIp=10.0.0.2", "DestinationIp=203.0.113.7")), // other internal host
            ("new_network_connection", kit.At(4, "SourceIp=10.0.0.1", "DestinationIp=203.0.113.7")),
        };
        var match = Assert.Single(CorrelationKit.Run(engine, detections));
        Assert.Equal("10.0.0.1", match.GroupValue("internal_ip"));
        Assert.Equal("203.0.113.7", match.GroupValue("remote_ip"));
        Assert.Equal([0.0, 4], match.Events.Select(e => (e.TimeCreated - CorrelationKit.T0).TotalSeconds));
    }

    [Fact]
    public void A_condition_can_ask_for_fewer_rules_than_listed()
    {
        var engine = CorrelationKit.Engine("""
            title: Two of three
            correlation:
                type: temporal
                rules: [a, b, c]
                timespan: 1m
                condition:
                    gte: 2
            """);
        Assert.Equal(2, Assert.Single(CorrelationKit.Run(engine, [("c", kit.At(0)), ("a", kit.At(5))])).Value);
    }

    [Fact]
    public void Ordered_result_does_not_depend_on_observation_order()
    {
        var random = new Random(11);
        var names = new[] { "recon_a", "recon_b", "recon_c" };
        var detections = Enumerable.Range(0, 600)
            .Select(i => (names[random.Next(3)], kit.At(random.Next(0, 3600), $"User=u{random.Next(3)}")))
            .ToArray();
        string expected = CorrelationKit.Describe(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal_ordered")), detections));
        Assert.NotEmpty(expected);
        var reversed = CorrelationKit.Describe(CorrelationKit.Run(CorrelationKit.Engine(Recon("temporal_ordered")), detections.Reverse()));
        Assert.Equal(expected, reversed);
    }
}
