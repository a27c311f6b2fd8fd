using Huntsman.Events.Taxonomy;
using Huntsman.Noise.Coverage;
using Xunit;

namespace Huntsman.Tests.Noise;

public class CoverageCollectorTests
{
    [Fact]
    public void Counts_event_ids_per_host_with_first_and_last_time_and_sysmon_names()
    {
        var c = new CoverageCollector();
        c.Observe(TestEvents.ProcessStart("PC1", "a.exe", "b.exe", "b", 1, TestEvents.T0.AddHours(2)));
        c.Observe(TestEvents.ProcessStart("PC1", "a.exe", "b.exe", "b", 2, TestEvents.T0));
        c.Observe(TestEvents.Pipe("PC1", @"\x", "b.exe", 3));
        c.Observe(TestEvents.ServiceInstall("pc1", "svc", @"C:\svc.exe", 7));
        c.Observe(TestEvents.Make(Channels.Sysmon, 13, "PC2", 1, TestEvents.T0));
        var report = c.Finish();

        Assert.Equal(5, report.Events);
        Assert.Equal(["PC1", "PC2"], report.Hosts.Select(h => h.Host));
        var pc1 = report.Hosts[0];
        Assert.Equal(4, pc1.Events);
        var starts = pc1.EventIds.Single(e => e.EventId == 1);
        Assert.Equal(2, starts.Count);
        Assert.Equal(TestEvents.T0, starts.First);
        Assert.Equal(TestEvents.T0.AddHours(2), starts.Last);
        Assert.Equal("ProcessCreate", starts.SysmonType);
        Assert.Equal("PipeCreated", pc1.EventIds.Single(e => e.EventId == 17).SysmonType);
        Assert.Null(pc1.EventIds.Single(e => e.EventId == 7045).SysmonType);
        Assert.Equal("RegistryEvent (value set)", report.Hosts[1].EventIds.Single().SysmonType);

        Assert.Contains(pc1.Present, s => s.Id == "process");
        Assert.Contains(pc1.Present, s => s.Id == "pipe");
        Assert.Contains(pc1.Present, s => s.Id == "service_install");
        Assert.Contains(pc1.Missing, s => s.Id == "registry");
        Assert.Contains(report.Hosts[1].Present, s => s.Id == "registry");
        // Nobody logs share access or script blocks here.
        foreach (var id in new[] { "share_detail", "share_access", "powershell_script", "network", "file" })
            Assert.Contains(report.MissingEverywhere, s => s.Id == id);
        Assert.DoesNotContain(report.MissingEverywhere, s => s.Id == "registry");
    }

    [Fact]
    public void Sysmon_event_type_table_is_complete()
    {
        Assert.Equal([.. Enumerable.Range(1, 29), 255], SysmonEventTypes.Ids);
        Assert.Equal("NetworkConnect", SysmonEventTypes.Name(3));
        Assert.Equal("DNSEvent", SysmonEventTypes.Name(22));
        Assert.Equal("FileExecutableDetected", SysmonEventTypes.Name(29));
        Assert.Equal("Error", SysmonEventTypes.Name(255));
        Assert.Null(SysmonEventTypes.Name(30));
    }

    [Fact]
    public void Record_gaps_are_found_whatever_the_arrival_order_and_duplicates_are_ignored()
    {
        var c = new CoverageCollector();
        long[] ids = [10, 11, 12, 20, 21, 5, 13, 14, 12, 30];
        foreach (var id in ids) c.Observe(TestEvents.Make(Channels.Security, 4624, "DC1", id, TestEvents.T0.AddMinutes(id)));
        var security = c.Finish().Hosts[0].Channels.Single();
        Assert.Equal(5, security.FirstRecordId);
        Assert.Equal(30, security.LastRecordId);
        // Runs 5 | 10-14 | 20-21 | 30: gaps of 4, 5 and 8 records.
        Assert.Equal(3, security.GapCount);
        Assert.Equal(4 + 5 + 8, security.MissingRecords);
        Assert.Equal([(5L, 10L), (14L, 20L), (21L, 30L)], security.Gaps.Select(g => (g.AfterRecordId, g.BeforeRecordId)));
        Assert.Equal(TestEvents.T0.AddMinutes(14), security.Gaps[1].LastTimeBefore);
        Assert.Equal(10, security.Events);
    }

    [Fact]
    public void Time_gaps_and_log_clears_are_reported()
    {
        var c = new CoverageCollector(new CoverageOptions { TimeGapThreshold = TimeSpan.FromHours(6) });
        c.Observe(TestEvents.Make(Channels.System, 7036, "PC1", 1, TestEvents.T0));
        c.Observe(TestEvents.Make(Channels.System, 7036, "PC1", 2, TestEvents.T0.AddHours(1)));
        c.Observe(TestEvents.Make(Channels.System, 7036, "PC1", 3, TestEvents.T0.AddDays(3)));
        var clear = TestEvents.Make(Channels.System, 104, "PC1", 4, TestEvents.T0.AddDays(3).AddMinutes(1), ("SubjectUserName", "admin"), ("SubjectDomainName", "CORP"), ("Channel", "Microsoft-Windows-Sysmon/Operational"));
        clear.Provider = "Microsoft-Windows-Eventlog";
        c.Observe(clear);
        var security = TestEvents.Make(Channels.Security, 1102, "PC1", 9, TestEvents.T0.AddDays(4), ("SubjectUserName", "eve"));
        security.Provider = "Microsoft-Windows-Eventlog";
        c.Observe(security);
        var other = TestEvents.Make(Channels.System, 104, "PC1", 5, TestEvents.T0.AddDays(3).AddMinutes(2));
        other.Provider = "Some-Other-Provider";
        c.Observe(other);

        var host = c.Finish().Hosts.Single();
        var system = host.Channels.Single(ch => ch.Channel == Channels.System);
        Assert.Equal(1, system.TimeGapCount);
        Assert.Equal(3, system.TimeGaps.Single().RecordId);
        Assert.Equal(TestEvents.T0.AddHours(1), system.TimeGaps.Single().From);
        Assert.Equal(2, host.Clears.Count);
        Assert.Equal("Microsoft-Windows-Sysmon/Operational", host.Clears[0].ClearedLog);
        Assert.Equal(@"CORP\admin", host.Clears[0].User);
        Assert.Equal("Security", host.Clears[1].ClearedLog);
    }

    [Fact]
    public void Fragmented_channels_stop_growing()
    {
        var c = new CoverageCollector(new CoverageOptions { MaxRunsPerChannel = 4 });
        for (int i = 0; i < 20; i++) c.Observe(TestEvents.Make(Channels.Security, 4624, "PC1", i * 2 + 1, TestEvents.T0));
        var ch = c.Finish().Hosts.Single().Channels.Single();
        Assert.True(ch.TooFragmented);
        Assert.Equal(3, ch.GapCount);
        Assert.Equal(20, ch.Events);
    }

    [Fact]
    public void Rules_on_missing_telemetry_are_grouped_with_advice()
    {
        var c = new CoverageCollector();
        c.Observe(TestEvents.ProcessStart("PC1", "a.exe", "b.exe", "b"));
        var sysmon13 = new TelemetryFeed(Channels.Sysmon, [13]);
        var rules = new RuleBlindness(
        [
            new RuleRequirement("r1", "windows/registry_set", [sysmon13]),
            new RuleRequirement("r2", "windows/registry_set", [sysmon13]),
            new RuleRequirement("r3", "windows/process_creation", [new TelemetryFeed(Channels.Sysmon, [1]), new TelemetryFeed(Channels.Security, [4688])]),
            new RuleRequirement("r4", "windows/security", [new TelemetryFeed(Channels.Security, [])]),
            new RuleRequirement("r5", "linux/auditd", []),
        ]);
        var report = c.Finish(rules);
        Assert.Equal(5, report.RulesLoaded);
        Assert.Equal(3, report.RulesBlind);
        var registry = report.RuleBlindSpots[0];
        Assert.Equal("windows/registry_set", registry.LogSource);
        Assert.Equal(2, registry.Rules);
        Assert.Equal("Sysmon 13", registry.Needs);
        Assert.Contains("RegistryEvent", registry.Advice);
        Assert.Equal(["r1", "r2"], registry.ExampleRuleIds);
        Assert.Equal("Security log", report.RuleBlindSpots[1].Needs);
        Assert.Equal(1, rules.Unmapped);
    }

    [Fact]
    public void Json_model_round_trips_the_counts()
    {
        var c = new CoverageCollector();
        c.Observe(TestEvents.ProcessStart("PC1", "a.exe", "b.exe", "b", 1));
        c.Observe(TestEvents.ProcessStart("PC1", "a.exe", "b.exe", "b", 3));
        using var ms = new MemoryStream();
        CoverageJsonWriter.WriteDocument(ms, c.Finish());
        using var doc = System.Text.Json.JsonDocument.Parse(ms.ToArray());
        var host = doc.RootElement.GetProperty("hosts")[0];
        Assert.Equal(2, host.GetProperty("event_ids")[0].GetProperty("count").GetInt32());
        Assert.Equal("ProcessCreate", host.GetProperty("event_ids")[0].GetProperty("sysmon_type").GetString());
        Assert.Equal(1, host.GetProperty("channels")[0].GetProperty("missing_records").GetInt32());
        Assert.Contains(host.GetProperty("telemetry_missing").EnumerateArray(), s => s.GetProperty("id").GetString() == "share_detail");
    }
}
