using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

/// <summary>Correlations over real evidence read through the reader pipeline, detections observed from worker threads.</summary>
public class RealEvidenceTests
{
    [SkippableFact]
    public void Password_spray_gives_one_match_per_ten_distinct_accounts()
    {
        // DeepBlueCLI password-spray.evtx: 294 explicit-credential logons (4648) by one account, each against
        // the next of 41 target accounts, over about five minutes.
        var file = SharedData.Path_("evtx", "DeepBlueCLI", "evtx", "password-spray.evtx");
        var engine = CorrelationKit.Engine("""
            title: Explicit credentials against many accounts
            correlation:
                type: value_count
                rules: explicit_credential_logon
                group-by: SubjectUserName
                timespan: 5m
                condition:
                    field: TargetUserName
                    gte: 10
            """);
        using var reader = new EvidenceReader(new ReaderOptions(), _ => { });
        EvidencePipeline.Run(reader.Units([file]), batch =>
        {
            // Stands in for the Sigma rule "EventID: 4648".
            foreach (var e in batch.Events)
                if (e.EventId == 4648) engine.Observe("explicit-id", "explicit_credential_logon", e);
            return 0;
        }, _ => { }, threads: 2);

        var matches = engine.Finish();
        Assert.Equal(294, engine.Statistics[0].Observed);
        Assert.Equal(29, matches.Count);
        Assert.All(matches, m => Assert.Equal(10, m.Value));
        Assert.All(matches, m => Assert.Equal("jwrig", m.GroupValue("SubjectUserName")));
        Assert.Equal(Enumerable.Range(42804, 10).Select(r => (long)r), matches[0].Events.Select(e => e.RecordId));
        Assert.Equal(43093, matches[^1].Events[^1].RecordId);
        Assert.Equal(new DateTime(2019, 4, 30, 19, 32, 13, DateTimeKind.Utc).AddTicks(2218114), matches[^1].End);
    }
}
