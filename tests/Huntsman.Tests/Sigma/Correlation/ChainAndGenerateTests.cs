using Huntsman.Sigma.Correlation;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class ChainAndGenerateTests
{
    private readonly CorrelationKit kit = new();

    // Same shape as the spec's "failed logins followed by a successful login" example.
    private const string Outer = """
        title: Many failures then success
        id: 0a4e36e2-1f4b-4c7e-9d55-6a1b9e0f7c01
        level: high
        correlation:
            type: temporal_ordered
            rules:
                - many_failures
                - successful_login
            group-by: User
            timespan: 10m
        """;

    private const string Inner = """
        title: Many failures
        name: many_failures
        correlation:
            type: event_count
            rules: failed_login
            group-by: User
            timespan: 10m
            condition:
                gte: 3
        """;

    [Fact]
    public void A_correlation_can_feed_another()
    {
        var engine = CorrelationKit.Engine(Outer, Inner);
        Assert.Equal(["failed_login", "successful_login"], engine.ReferencedRules.Order());
        Assert.Empty(engine.Problems);

        var detections = new[]
        {
            ("successful_login", kit.At(0, "User=bob")), // before the failures: does not count
            ("failed_login", kit.At(10, "User=bob")), ("failed_login", kit.At(20, "User=bob")), ("failed_login", kit.At(30, "User=bob")),
            ("failed_login", kit.At(40, "User=amy")),
            ("successful_login", kit.At(90, "User=amy")),
            ("successful_login", kit.At(100, "User=bob")),
        };
        var matches = CorrelationKit.Run(engine, detections);

        // The inner correlation is referenced with generate: false (the default), so only the outer one is output.
        var match = Assert.Single(matches);
        Assert.Equal("Many failures then success", match.Rule.Title);
        Assert.Equal("bob", match.GroupValue("User"));
        Assert.Equal([10.0, 20, 30, 100], match.Events.Select(e => (e.TimeCreated - CorrelationKit.T0).TotalSeconds));
        var inner = Assert.Single(match.InnerMatches);
        Assert.Equal("Many failures", inner.Rule.Title);
        Assert.Equal(3, inner.Value);
    }

    [Fact]
    public void Generate_false_suppresses_referenced_rules_and_true_keeps_them()
    {
        var engine = CorrelationKit.Engine(Outer, Inner);
        Assert.True(engine.SuppressesOutputOf("x", "failed_login"));
        Assert.True(engine.SuppressesOutputOf("successful_login-id", "successful_login"));
        Assert.False(engine.SuppressesOutputOf("x", "unrelated"));

        var keeping = CorrelationKit.Engine(Outer, Inner.Replace("timespan: 10m", "timespan: 10m\n    generate: true"));
        Assert.True(keeping.Rules[1].Generate);
        Assert.False(keeping.SuppressesOutputOf("x", "failed_login"));

        // With generate: true on the outer rule the inner correlation's matches are output as well.
        var both = CorrelationKit.Engine(Outer.Replace("timespan: 10m", "timespan: 10m\n    generate: true"), Inner);
        var detections = new[] { 10, 20, 30 }.Select(s => ("failed_login", kit.At(s, "User=bob"))).Append(("successful_login", kit.At(40, "User=bob")));
        Assert.Equal(["Many failures", "Many failures then success"], CorrelationKit.Run(both, detections).Select(m => m.Rule.Title));
    }

    [Fact]
    public void Reference_cycles_are_reported_and_not_evaluated()
    {
        var a = """
            title: A
            name: corr_a
            correlation: {type: event_count, rules: [corr_b], timespan: 1m, condition: {gte: 1}}
            """;
        var b = """
            title: B
            name: corr_b
            correlation: {type: event_count, rules: [corr_a, base], timespan: 1m, condition: {gte: 1}}
            """;
        var engine = CorrelationKit.Engine(a, b);
        Assert.Equal(2, engine.Problems.Count);
        Assert.All(engine.Problems, p => Assert.Contains("reference cycle", p));
        Assert.Contains("mr_test.yml:1:1", engine.Problems[0]);
        Assert.Empty(engine.ReferencedRules);
        Assert.False(engine.SuppressesOutputOf("base-id", "base")); // a correlation that cannot run hides nothing
        engine.Observe("base-id", "base", kit.At(0));
        Assert.Empty(engine.Finish());
    }

    [Fact]
    public void Finish_is_idempotent_and_observing_afterwards_is_refused()
    {
        var engine = CorrelationKit.Engine(Inner);
        var first = CorrelationKit.Run(engine, new[] { 1, 2, 3 }.Select(s => ("failed_login", kit.At(s, "User=x"))));
        Assert.Same(first, engine.Finish());
        Assert.Throws<InvalidOperationException>(() => engine.Observe("a", "failed_login", kit.At(4, "User=x")));
    }
}
