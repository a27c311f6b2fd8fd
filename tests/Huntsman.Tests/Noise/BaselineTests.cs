using System.Text;
using Huntsman.Events;
using Huntsman.Hunt;
using Huntsman.Noise.Baseline;
using Xunit;

namespace Huntsman.Tests.Noise;

public class BaselineTests
{
    private const string Word = @"C:\Program Files\Microsoft Office\root\Office16\WINWORD.EXE";
    private const string Explorer = @"C:\Windows\explorer.exe";
    private const string Services = @"C:\Windows\System32\services.exe";

    private static BehaviourBaseline Learn(int maxKeys = BehaviourBaseline.DefaultMaxKeysPerCategory)
    {
        var learner = new BaselineLearner(maxKeys);
        long r = 0;
        foreach (var host in new[] { "WS1", "WS2", "WS3" })
        {
            learner.Observe(TestEvents.ProcessStart(host, Explorer, Word, $"\"{Word}\" /n \"C:\\Users\\{host}user\\Documents\\report{r}.docx\"", ++r));
            learner.Observe(TestEvents.ProcessStart(host, Explorer, @"C:\Windows\System32\cmd.exe", "cmd.exe", ++r));
            learner.Observe(TestEvents.ServiceInstall(host, $"PDQDeployRunner-{r}", @"C:\Windows\AdminArsenal\PDQDeployRunner\service-1\PDQDeployRunner-1.exe", ++r));
        }
        learner.Observe(TestEvents.ProcessStart("WS1", Services, @"C:\Windows\System32\msiexec.exe", "msiexec.exe /V", ++r));
        learner.Observe(TestEvents.Pipe("WS1", @"\mojo.1234.5678.99", @"C:\chrome.exe", ++r));
        return learner.Build();
    }

    [Fact]
    public void Learns_pairs_shapes_services_and_pipes_per_host_and_overall()
    {
        var b = Learn();
        Assert.Equal(3, b.Hosts.Count);
        var pair = b[BehaviourKind.ProcessPair].Entries["explorer.exe>winword.exe"];
        Assert.Equal(3, pair.Count);
        Assert.Equal(3, pair.HostCount);
        Assert.Equal(7, b[BehaviourKind.ProcessPair].Observations);
        // Three report files by three users: one command-line shape.
        Assert.Contains(@"winword.exe: ""c:\program files\microsoft office\root\office<num>\winword.exe"" /n ""c:\users\<user>\documents\report<num>.docx""",
            b[BehaviourKind.CommandShape].Entries.Keys);
        Assert.Single(b[BehaviourKind.Service].Entries);
        Assert.Equal(3, b[BehaviourKind.Service].Entries.Values.Single().Count);
        Assert.Contains(@"\mojo.<num>.<num>.<num>", b[BehaviourKind.Pipe].Entries.Keys);
    }

    [Fact]
    public void Json_is_deterministic_and_round_trips()
    {
        var first = Serialize(Learn());
        Assert.Equal(first, Serialize(Learn()));
        var loaded = BaselineJson.Read(first, "b.json");
        Assert.Equal(first, Serialize(loaded));
        Assert.Contains("\"format\": \"huntsman-baseline\"", Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Key_cap_keeps_the_most_frequent_and_counts_the_rest()
    {
        var b = Learn(maxKeys: 1);
        var pairs = b[BehaviourKind.ProcessPair];
        Assert.Single(pairs.Entries);
        Assert.True(pairs.Entries.ContainsKey("explorer.exe>cmd.exe") || pairs.Entries.ContainsKey("explorer.exe>winword.exe"));
        Assert.Equal(2, pairs.DroppedKeys);
        Assert.Equal(7, pairs.Observations);
    }

    [Fact]
    public void Apply_marks_seen_and_lowers_unless_the_rule_forbids_it()
    {
        var b = Learn();
        var known = Detect(TestEvents.ProcessStart("WS9", Explorer, @"C:\Windows\System32\cmd.exe", "cmd.exe"), "high");
        var verdict = b.Apply(known);
        Assert.Equal(BaselineStatus.Seen, verdict.Status);
        Assert.Equal("seen", verdict.Label);
        Assert.Equal("medium", verdict.Level);
        Assert.True(verdict.Lowered);
        Assert.Contains("seen 3 times on 3 hosts", verdict.Explanation);

        var forbidden = Detect(known.Event!, "high", [BaselineJudge.NoLoweringTag]);
        var kept = b.Apply(forbidden);
        Assert.Equal(BaselineStatus.Seen, kept.Status);
        Assert.Equal("high", kept.Level);
        Assert.False(kept.Lowered);

        var attack = b.Apply(Detect(TestEvents.ProcessStart("WS1", Word, @"C:\Windows\System32\rundll32.exe", "rundll32.exe"), "high"));
        Assert.Equal(BaselineStatus.Unseen, attack.Status);
        Assert.Equal("high", attack.Level);
        // Known pair, new command line: not seen.
        Assert.Equal(BaselineStatus.Unseen, b.Apply(Detect(TestEvents.ProcessStart("WS1", Explorer, @"C:\Windows\System32\cmd.exe", "cmd.exe /c whoami"), "low")).Status);
        Assert.Equal(BaselineStatus.NotApplicable, b.Apply(Detect(TestEvents.Make("Security", 4672, "WS1", 1, TestEvents.T0), "low")).Status);
        Assert.Equal("informational", BaselineJudge.Lower("informational"));
        Assert.Equal("high", BaselineJudge.Lower("critical"));
    }

    [Fact]
    public void Anomalies_explain_first_time_and_rare_behaviour_once_per_host()
    {
        var finder = new AnomalyFinder(Learn());
        finder.Observe(TestEvents.ProcessStart("WS1", Word, @"C:\Windows\System32\rundll32.exe", "rundll32.exe", 100));
        finder.Observe(TestEvents.ProcessStart("WS1", Word, @"C:\Windows\System32\rundll32.exe", "rundll32.exe x", 101));
        finder.Observe(TestEvents.ProcessStart("WS2", Explorer, @"C:\Windows\System32\cmd.exe", "cmd.exe", 102));
        finder.Observe(TestEvents.ProcessStart("WS2", Services, @"C:\Windows\System32\msiexec.exe", "msiexec.exe /V", 103));
        finder.Observe(TestEvents.ServiceInstall("WS3", "PSEXESVC", @"%SystemRoot%\PSEXESVC.exe", 104));
        var anomalies = finder.Finish();

        Assert.Equal(3, anomalies.Count);
        var office = anomalies[0];
        Assert.Equal("WS1", office.Host);
        Assert.Equal(BehaviourKind.ProcessPair, office.Category);
        Assert.True(office.NeverSeen);
        Assert.Equal(2, office.Occurrences);
        Assert.Equal("first time WINWORD.EXE started rundll32.exe on any host; seen 0 times in 7 process starts", office.Explanation);
        Assert.Equal(80, office.Score);
        Assert.Equal("rundll32.exe", office.Fields["CommandLine"]);
        Assert.Equal("process_pair", office.Fields["category"]);

        var rare = anomalies[1];
        Assert.False(rare.NeverSeen);
        Assert.Equal("WS2", rare.Host);
        Assert.StartsWith("rare: services.exe started msiexec.exe was seen 1 times in 7 process starts, on 1 of 3 hosts, never on WS2", rare.Explanation);
        Assert.Equal(40, rare.Score);

        Assert.Equal(BehaviourKind.Service, anomalies[2].Category);
        Assert.Contains("PSEXESVC", anomalies[2].Explanation);
    }

    [Theory]
    [InlineData("{ \"format\": \"huntsman-baseline\",\n  \"version\": 1,\n  oops }", 3, "malformed JSON")]
    [InlineData("{\n \"format\": \"something-else\", \"version\": 1 }", 2, "'format' must be")]
    [InlineData("{ \"format\": \"huntsman-baseline\",\n\"version\": 7 }", 2, "unsupported baseline version 7")]
    [InlineData("{ \"format\": \"huntsman-baseline\", \"version\": 1, \"limits\": {\"max_keys_per_category\": 5, \"max_hosts_per_key\": 5},\n\"events\": 1, \"hosts\": {},\n \"categories\": { \"registry\": {} } }", 3, "unknown behaviour category 'registry'")]
    [InlineData("{ \"format\": \"huntsman-baseline\", \"version\": 1, \"limits\": {\"max_keys_per_category\": 5, \"max_hosts_per_key\": 5},\n\"events\": -4 }", 2, "'events' must be a non-negative whole number")]
    [InlineData("", 0, "malformed JSON")]
    public void Bad_files_fail_with_file_line_and_reason(string json, int line, string reason)
    {
        var ex = Assert.Throws<BaselineFormatException>(() => BaselineJson.Read(Encoding.UTF8.GetBytes(json), "bad.json"));
        Assert.Equal("bad.json", ex.File);
        if (line > 0) Assert.Equal(line, ex.Line);
        Assert.Contains(reason, ex.Message);
        Assert.StartsWith(line > 0 ? $"bad.json:{line}:" : "bad.json", ex.Message);
    }

    [Fact]
    public void Missing_file_is_a_format_error_not_a_crash()
    {
        var ex = Assert.Throws<BaselineFormatException>(() => BehaviourBaseline.Load(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));
        Assert.Contains("cannot read", ex.Message);
    }

    private static byte[] Serialize(BehaviourBaseline b)
    {
        using var ms = new MemoryStream();
        BaselineJson.Write(ms, b);
        return ms.ToArray();
    }

    private static Detection Detect(WinEvent e, string level, IReadOnlyList<string>? tags = null) => new()
    {
        Timestamp = e.TimeCreated, Computer = e.Computer, Channel = e.Channel, EventId = e.EventId, RecordId = e.RecordId,
        File = e.Origin.File, RuleId = "rule-1", RuleTitle = "test", Level = level, Tags = tags ?? [], Event = e,
    };
}
