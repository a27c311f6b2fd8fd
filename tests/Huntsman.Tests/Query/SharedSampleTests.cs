using Huntsman.Events.Taxonomy;
using Huntsman.Query;
using Huntsman.Query.Store;
using Xunit;

namespace Huntsman.Tests.Query;

/// <summary>The KQL and SPL suites and the two verbatim hunts on real EVTX samples.</summary>
public sealed class SharedSampleTests(SharedCase shared) : IClassFixture<SharedCase>
{
    private const string KqlHunt = "DeviceProcessEvents\n| where FileName =~ \"rundll32.exe\"\n| project Timestamp, DeviceName, InitiatingProcessCommandLine";
    private const string SplHunt = "index=sysmon Image=\"*rundll32.exe\"\n| stats count by Computer, CommandLine";
    private const string OpenUrlSample = "evtx/EVTX-ATTACK-SAMPLES/Execution/exec_sysmon_1_11_lolbin_rundll32_openurl_FileProtocolHandler.evtx";

    public static TheoryData<string> KqlNames() => new(KqlCases.All.Select(k => k.Name));
    public static TheoryData<string> SplNames() => new(SplCases.All.Select(k => k.Name));

    [SkippableTheory]
    [MemberData(nameof(KqlNames))]
    public void KqlMatchesLinq(string name)
    {
        var (events, store) = shared.Require();
        Expect.Matches(store, events, KqlCases.All.Single(k => k.Name == name), QueryLanguage.Kql);
    }

    [SkippableTheory]
    [MemberData(nameof(SplNames))]
    public void SplMatchesLinq(string name)
    {
        var (events, store) = shared.Require();
        Expect.Matches(store, events, SplCases.All.Single(k => k.Name == name), QueryLanguage.Spl);
    }

    [SkippableFact]
    public void VerbatimKqlHuntFindsTheRundll32Launches()
    {
        var events = SharedCase.Read([SharedData.Path_(OpenUrlSample)]);
        using var store = CaseStore.Open();
        CaseIngestor.IngestEvents(store, events);
        var result = HuntQuery.Run(store, KqlHunt);
        Assert.Equal(["Timestamp", "DeviceName", "InitiatingProcessCommandLine"], result.Columns);
        var rows = result.Rows.Select(r => $"{QueryValueFormat.Format(r[0])}|{r[1]}|{r[2]}").ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal("2019-05-12T13:30:46.4005060Z|IEWIN7|python  winpwnage.py -u execute -i 9 -p c:\\Windows\\system32\\cmd.exe", rows[0]);
        Assert.All(rows.Skip(1), r => Assert.EndsWith("|IEWIN7|\"C:\\Windows\\system32\\cmd.exe\" ", r));
        var expected = events.Where(e => ProcessStart.TryFrom(e, out var p) && p.Image.EndsWith("\\rundll32.exe", StringComparison.OrdinalIgnoreCase))
            .Select(e => e.TimeCreated).Order().Select(t => QueryValueFormat.Format(t));
        Assert.Equal(expected, rows.Select(r => r.Split('|')[0]));
    }

    [SkippableFact]
    public void VerbatimSplHuntCountsByComputerAndCommandLine()
    {
        var events = SharedCase.Read([SharedData.Path_(OpenUrlSample)]);
        using var store = CaseStore.Open();
        CaseIngestor.IngestEvents(store, events);
        var result = HuntQuery.Run(store, SplHunt);
        Assert.Equal(["Computer", "CommandLine", "count"], result.Columns);
        var rows = result.Rows.Select(r => $"{r[0]}|{r[1]}|{r[2]}").ToList();
        var expected = events.Where(e => e.Channel == Channels.Sysmon && (e.GetPayload("Image") ?? "").EndsWith("rundll32.exe", StringComparison.OrdinalIgnoreCase)
                && e.GetPayload("CommandLine") is not null)
            .GroupBy(e => (e.Computer, e.GetPayload("CommandLine")!)).OrderBy(g => g.Key.Computer, StringComparer.Ordinal).ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => $"{g.Key.Computer}|{g.Key.Item2}|{g.Count()}").ToList();
        Assert.Equal(expected, rows);
        Assert.Equal(5, result.Rows.Sum(r => Convert.ToInt64(r[2])));
        Assert.All(rows, r => Assert.StartsWith("IEWIN7|", r));
    }

    [SkippableFact]
    public void SharedCaseHasRundll32FromSysmonAndSecurity()
    {
        var (_, store) = shared.Require();
        var r = HuntQuery.Run(store, "DeviceProcessEvents | where FileName =~ \"rundll32.exe\" | summarize count() by EventId | sort by EventId asc");
        Assert.Equal(1L, Convert.ToInt64(r.Rows[0][0]));
        Assert.True(Convert.ToInt64(r.Rows[0][1]) >= 10);
    }
}
