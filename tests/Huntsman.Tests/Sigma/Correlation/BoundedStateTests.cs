using Huntsman.Events;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

/// <summary>Live evaluation state stays proportional to what one window holds, however many detections flow through.</summary>
public class BoundedStateTests
{
    private const int Detections = 1_000_000;

    [Fact]
    public void A_million_detections_through_one_event_count_rule_keep_one_window_live()
    {
        // One detection per millisecond for ~17 minutes against a 1 s window that never fires: at most 1001 live.
        var engine = CorrelationKit.Engine("""
            title: Never reached
            correlation:
                type: event_count
                rules: noisy
                group-by: Computer
                timespan: 1s
                condition: {gte: 1000000000}
            """);
        var t0 = CorrelationKit.T0;
        Parallel.For(0, 2, part =>
        {
            for (int i = part; i < Detections; i += 2)
                engine.Observe("noisy-id", "noisy", new WinEvent { TimeCreated = t0.AddMilliseconds(i), RecordId = i, Computer = "HOST1" });
        });

        Assert.Empty(engine.Finish());
        var stats = engine.Statistics[0];
        Assert.Equal(Detections, stats.Observed);
        Assert.Equal(1001, stats.PeakWindow);
        Assert.Equal(1001, stats.PeakLiveObservations);
        Assert.Equal(1, stats.PeakGroups);
    }

    [Fact]
    public void Idle_groups_are_dropped_as_time_moves_on()
    {
        // 200,000 detections spread over 20,000 short-lived groups (10 each, one per millisecond).
        var engine = CorrelationKit.Engine("""
            title: Per logon
            correlation:
                type: event_count
                rules: noisy
                group-by: Computer
                timespan: 1s
                condition: {gte: 5}
            """);
        var t0 = CorrelationKit.T0;
        for (int i = 0; i < 200_000; i++)
            engine.Observe("noisy-id", "noisy", new WinEvent { TimeCreated = t0.AddMilliseconds(i), RecordId = i, Computer = $"H{i / 10}" });

        var matches = engine.Finish();
        Assert.Equal(40_000, matches.Count); // each group fires twice: records 0-4 and 5-9
        var stats = engine.Statistics[0];
        Assert.True(stats.PeakGroups <= 2048, $"peak groups {stats.PeakGroups}");
        Assert.True(stats.PeakLiveObservations <= 2048 * 5, $"peak live {stats.PeakLiveObservations}");
    }
}
