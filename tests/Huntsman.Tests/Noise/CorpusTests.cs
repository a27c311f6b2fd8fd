using Huntsman.Events;
using Huntsman.Noise;
using Huntsman.Noise.Baseline;
using Huntsman.Noise.Coverage;
using Huntsman.Noise.Stack;
using Huntsman.Sigma;
using Xunit;

namespace Huntsman.Tests.Noise;

/// <summary>The noise tools on the real evidence in ../shared/data (skipped when it is absent).</summary>
public class CorpusTests
{
    private static readonly string[] BenignLogs = ["evtx/omerbenamram-evtx/samples", "evtx/python-evtx"];

    [SkippableFact]
    public void Coverage_of_the_whole_corpus_matches_an_independent_tally_of_the_same_events()
    {
        var root = SharedData.Require();
        var collector = new CoverageCollector();
        var tally = new Dictionary<(string Host, string Channel, int EventId), long>();
        var scan = EvidenceScan.Run([root], e =>
        {
            collector.Observe(e);
            var key = ((e.Computer.Length == 0 ? "(unknown)" : e.Computer).ToUpperInvariant(), e.Channel.ToUpperInvariant(), e.EventId);
            tally[key] = tally.GetValueOrDefault(key) + 1;
        });
        var report = collector.Finish();

        Assert.True(scan.Events > 40_000, $"only {scan.Events} events read");
        Assert.Equal(scan.Events, report.Events);
        Assert.Equal(scan.Events, report.Hosts.Sum(h => h.Events));
        var reported = report.Hosts.SelectMany(h => h.EventIds.Select(e => ((h.Host.ToUpperInvariant(), e.Channel.ToUpperInvariant(), e.EventId), e.Count))).ToList();
        Assert.Equal(tally.Count, reported.Count);
        foreach (var (key, count) in reported) Assert.Equal(tally[key], count);
        Assert.Equal(tally.Keys.Select(k => k.Host).Distinct().Count(), report.Hosts.Count);

        // A Security-only host: the blind spots name every kind of telemetry it lacks, with advice.
        var securityOnly = report.Hosts.Single(h => h.Host == "WIN-03DLIIOFRRA");
        foreach (var id in new[] { "process", "registry", "file", "network", "pipe", "powershell_script", "share_access", "share_detail", "service_install" })
            Assert.Contains(securityOnly.Missing, s => s.Id == id && s.Advice.Length > 0);
        Assert.Equal(["explicit_credentials", "logon"], securityOnly.Present.Select(s => s.Id).Order());
        Assert.Contains(securityOnly.Missing, s => s.Id == "share_detail" && s.Advice.Contains("Audit Detailed File Share"));

        // Log clearing is called out: fs03vuln's Security log was cleared (1102) by named accounts.
        var fs03 = report.Hosts.Single(h => h.Host == "fs03vuln.offsec.lan");
        Assert.Contains(fs03.Clears, c => c.EventId == 1102 && c.ClearedLog == "Security" && c.User == @"OFFSEC\admmig");
    }

    [SkippableFact]
    public void Coverage_of_one_file_agrees_with_the_reference_parsers()
    {
        // evtx-reference-counts.tsv: 66 records, first record 631706, last 666046 (all three parsers agree).
        var file = SharedData.Path_("evtx", "DeepBlueCLI", "evtx", "Powershell-Invoke-Obfuscation-encoding-menu.evtx");
        var collector = new CoverageCollector();
        EvidenceScan.Run([file], collector.Observe);
        var report = collector.Finish();
        Assert.Equal(66, report.Events);
        var channel = report.Hosts.Single().Channels.Single();
        Assert.Equal(631706, channel.FirstRecordId);
        Assert.Equal(666046, channel.LastRecordId);
        Assert.Equal(666046 - 631706 + 1 - 66, channel.MissingRecords);
        Assert.Equal(66, report.Hosts.Single().EventIds.Sum(e => e.Count));
    }

    [SkippableFact]
    public void Rules_that_can_never_fire_are_grouped_by_the_missing_telemetry()
    {
        var rules = RuleLoader.Load([SharedData.Path_("sigma", "rules")]);
        var collector = new CoverageCollector();
        EvidenceScan.Run([SharedData.Path_("evtx", "omerbenamram-evtx", "samples", "new-user-security.evtx")], collector.Observe);
        var blindness = RuleBlindness.For(rules.Rules);
        var report = collector.Finish(blindness);

        Assert.True(report.RulesLoaded > 3000, $"only {report.RulesLoaded} rules loaded");
        Assert.True(report.RulesBlind > 2000, $"only {report.RulesBlind} rules blind");
        Assert.True(report.RulesBlind < report.RulesLoaded);
        int Blind(string logSource, string needs) =>
            report.RuleBlindSpots.Where(s => s.LogSource == logSource && s.Needs.Contains(needs, StringComparison.Ordinal)).Sum(s => s.Rules);
        // Every kind of telemetry the brief names shows up as a blind spot of this Security-only evidence.
        Assert.True(Blind("windows/process_creation/-", "Sysmon 1") > 1000);
        Assert.True(Blind("windows/registry_set/-", "Sysmon 13") > 100);
        Assert.True(Blind("windows/file_event/-", "Sysmon 11") > 100);
        Assert.True(Blind("windows/network_connection/-", "Sysmon 3") > 10);
        Assert.True(Blind("windows/pipe_created/-", "Sysmon 17/18") > 5);
        Assert.True(Blind("windows/ps_script/-", "4104") > 100);
        Assert.True(Blind("windows/-/security", "Security 5145") > 0);
        Assert.True(Blind("windows/-/system", "System 7045") > 10);
        var registry = report.RuleBlindSpots.First(s => s.LogSource == "windows/registry_set/-");
        Assert.Contains("Sysmon RegistryEvent", registry.Advice);
        Assert.Equal(5, registry.ExampleRuleIds.Count);
        Assert.Contains(report.RuleBlindSpots, s => s.Needs.Contains("Security 5145") && s.Advice.Contains("Audit Detailed File Share"));
        // The rules on what the file does hold (Security 4720 user creation) are not blind.
        var userCreation = blindness.Rules.Where(r => r.Feeds.Any(f => f.Channel == "Security" && f.EventIds.SequenceEqual([4720]))).ToList();
        Assert.NotEmpty(userCreation);
        Assert.DoesNotContain(report.RuleBlindSpots, s => s.ExampleRuleIds.Intersect(userCreation.Select(r => r.RuleId)).Any());
    }

    [SkippableFact]
    public void Stack_csv_matches_an_independent_count()
    {
        var folder = SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES");
        var counter = new StackCounter(["ParentImage", "Image"], [Filter("EventID=1")]);
        var expected = new Dictionary<(string, string), (long Count, HashSet<string> Hosts)>();
        EvidenceScan.Run([folder], e =>
        {
            counter.Observe(e);
            if (e.EventId != 1 || e.GetPayload("ParentImage") is not { } parent || e.GetPayload("Image") is not { } image) return;
            var key = (parent.ToLowerInvariant(), image.ToLowerInvariant());
            if (!expected.TryGetValue(key, out var v)) expected[key] = v = (0, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
            v.Hosts.Add(e.Computer);
            expected[key] = (v.Count + 1, v.Hosts);
        });
        var csv = new StringWriter();
        StackWriter.WriteCsv(csv, counter, counter.Rows());
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ParentImage,Image,count,hosts,host_names", lines[0].TrimEnd('\r'));
        Assert.True(expected.Count > 100, $"only {expected.Count} parent/child pairs");
        Assert.Equal(expected.Count, lines.Length - 1);
        long previous = 0;
        foreach (var line in lines.Skip(1))
        {
            var cells = SplitCsv(line.TrimEnd('\r'));
            var (count, hosts) = expected[(cells[0].ToLowerInvariant(), cells[1].ToLowerInvariant())];
            Assert.Equal(count, long.Parse(cells[2]));
            Assert.Equal(hosts.Count, int.Parse(cells[3]));
            Assert.True(count >= previous, "rows must be least frequent first");
            previous = count;
        }
    }

    [SkippableFact]
    public void Baseline_from_benign_logs_flags_attack_chains_and_passes_benign_repeats()
    {
        var learner = new BaselineLearner();
        EvidenceScan.Run(BenignLogs.Select(p => SharedData.Path_(p.Split('/'))), learner.Observe);
        var baseline = learner.Build();
        Assert.True(baseline[BehaviourKind.ProcessPair].Observations > 500);

        string[] attacks =
        [
            SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES", "AutomatedTestingTools", "Malware", "sideloading_uacbypass_rundll32_injection_c2.evtx"),
            SharedData.Path_("evtx", "hayabusa-sample-evtx", "EVTX-to-MITRE-Attack", "EVTX_full_APT_attack_steps", "ID11,13,17,18-PSexec as system execution.evtx"),
            SharedData.Path_("evtx", "hayabusa-sample-evtx", "EVTX-to-MITRE-Attack", "TA0003-Persistence",
                "T1543.003-Create or Modify System Process-Windows Service", "ID7045-7036 PSexec service installation.evtx"),
            SharedData.Path_("evtx", "EVTX-ATTACK-SAMPLES"),
        ];
        var finder = new AnomalyFinder(baseline);
        var seen = new List<BaselineVerdict>();
        EvidenceScan.Run(attacks, e =>
        {
            finder.Observe(e);
            var verdict = BaselineJudge.Apply(baseline, e, "high", []);
            if (verdict.Status == BaselineStatus.Seen) seen.Add(verdict);
        });
        var anomalies = finder.Finish();

        var office = anomalies.Single(a => a.Key == "winword.exe>rundll32.exe");
        Assert.True(office.NeverSeen);
        Assert.StartsWith("first time WINWORD.exe started rundll32.exe on any host; seen 0 times in ", office.Explanation);
        Assert.EndsWith($"{baseline[BehaviourKind.ProcessPair].Observations:N0} process starts", office.Explanation);
        Assert.Contains(anomalies, a => a.Key == "psexesvc.exe>cmd.exe" && a.Host == "fs03vuln.offsec.lan" && a.Score == 80);
        Assert.Contains(anomalies, a => a.Category == BehaviourKind.Pipe && a.Key.StartsWith(@"\psexesvc", StringComparison.Ordinal));
        Assert.Contains(anomalies, a => a.Category == BehaviourKind.Service && a.Key.StartsWith("psexesvc |", StringComparison.Ordinal));

        // Benign repeats: behaviour learned from the benign logs is marked seen (and lowered), never reported.
        Assert.NotEmpty(seen);
        Assert.All(seen, v => Assert.Equal("medium", v.Level));
        var seenPairs = seen.SelectMany(v => v.Behaviours).Where(b => b.Kind == BehaviourKind.ProcessPair).Select(b => b.Key).ToHashSet();
        Assert.Contains("services.exe>svchost.exe", seenPairs);
        Assert.Contains("svchost.exe>dllhost.exe", seenPairs);
        // At most "rare" (seen on one other host only), never "first time".
        Assert.DoesNotContain(anomalies, a => a.NeverSeen && seenPairs.Contains(a.Key));
    }

    private static StackFilter Filter(string text)
    {
        Assert.True(StackFilter.TryParse(text, out var filter, out _));
        return filter!;
    }

    private static List<string> SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }
}
