using Huntsman.Events;
using Huntsman.Sigma;
using Huntsman.Sigma.Correlation;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

/// <summary>Correlation and base rules loaded together from one multi-document YAML through the Sigma loader and matcher.</summary>
public class SigmaLoaderEndToEndTests
{
    // The shape of the spec's closing example: failures, counted per account, followed by a success.
    private const string Rules = """
        title: Many failed logons followed by a success
        id: 7b0b5a52-3f39-4d7c-9a55-0c8f1d2e6a10
        status: experimental
        correlation:
            type: temporal_ordered
            rules:
                - many_failed_logons
                - successful_logon
            group-by:
                - TargetUserName
            timespan: 10m
        level: high
        ---
        title: Many failed logons
        id: 3a1c8e44-5d2b-4f7a-8c19-2e6b9d0f4a21
        name: many_failed_logons
        correlation:
            type: event_count
            rules:
                - failed_logon
            group-by:
                - TargetUserName
            timespan: 10m
            condition:
                gte: 5
        ---
        title: Failed logon
        id: 9f2d7c15-8a3e-4b6d-b1c0-5e4f3a2d1c90
        name: failed_logon
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4625
            condition: selection
        ---
        title: Successful logon
        id: 1e8b4d63-2c7f-4a95-9d08-6b3a5f1e2c47
        name: successful_logon
        logsource:
            product: windows
            service: security
        detection:
            selection:
                EventID: 4624
            condition: selection
        """;

    private long record;

    private WinEvent Logon(int eventId, double seconds, string user)
    {
        var e = new WinEvent
        {
            EventId = eventId, Channel = "Security", Provider = "Microsoft-Windows-Security-Auditing", Computer = "DC1",
            TimeCreated = CorrelationKit.T0.AddSeconds(seconds), RecordId = ++record, Origin = new EventOrigin("Security.evtx", 0, record * 512),
        };
        e.Add("TargetUserName", user);
        e.Add("LogonType", "3");
        return e;
    }

    [Fact]
    public void Loader_hands_over_the_correlations_and_hunt_style_matching_feeds_them()
    {
        var set = RuleLoader.LoadText(Rules, "mr_bruteforce.yml");
        Assert.Empty(set.Skipped);
        Assert.Equal(2, set.Rules.Count);
        Assert.Equal(2, set.Correlations.Count);

        var matcher = new RuleMatcher(set);
        var engine = new CorrelationEngine(set.Correlations);
        Assert.Empty(engine.Problems);
        Assert.Equal(["failed_logon", "successful_logon"], engine.ReferencedRules.Order());

        var events = new List<WinEvent>();
        for (int i = 0; i < 6; i++) events.Add(Logon(4625, i * 10, "admin"));   // six failures for admin
        for (int i = 0; i < 3; i++) events.Add(Logon(4625, i * 10 + 5, "guest")); // three for guest: too few
        events.Add(Logon(4624, 120, "guest"));
        events.Add(Logon(4624, 130, "admin"));

        var output = new List<string>();
        Parallel.ForEach(events.AsEnumerable().Reverse(), new ParallelOptions { MaxDegreeOfParallelism = 2 }, e =>
        {
            var hits = new List<RuleHit>();
            matcher.Match(e, hits);
            foreach (var hit in hits)
            {
                if (engine.ReferencedRules.Contains(hit.Rule.Id!) || (hit.Rule.Name is { } name && engine.ReferencedRules.Contains(name)))
                    engine.Observe(hit.Rule.Id!, hit.Rule.Name, e);
                if (!engine.SuppressesOutputOf(hit.Rule.Id!, hit.Rule.Name))
                    lock (output) output.Add(hit.Rule.Title);
            }
        });

        Assert.Empty(output); // generate defaults to false: base detections are folded into the correlation
        var match = Assert.Single(engine.Finish());
        Assert.Equal("Many failed logons followed by a success", match.Rule.Title);
        Assert.Equal("high", match.Rule.Level);
        Assert.Equal("admin", match.GroupValue("TargetUserName"));
        // The first five failures fire the inner count; the sixth starts a new window that never fills.
        Assert.Equal([0.0, 10, 20, 30, 40, 130], match.Events.Select(e => (e.TimeCreated - CorrelationKit.T0).TotalSeconds));
        Assert.Equal(5, Assert.Single(match.InnerMatches).Value);
    }

    [Fact]
    public void A_broken_correlation_is_reported_with_its_place_by_the_loader()
    {
        var set = RuleLoader.LoadText("title: Broken\ncorrelation:\n    type: event_count\n    rules: failed_logon\n    timespan: 10 minutes\n    condition: {gte: 5}\n", "mr_broken.yml");
        var status = Assert.Single(set.Skipped);
        Assert.Contains("mr_broken.yml:5:15: timespan '10 minutes'", status.Reason);
        Assert.Empty(set.Correlations);
    }
}
