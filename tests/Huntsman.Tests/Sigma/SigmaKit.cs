using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Sigma;
using Xunit;

namespace Huntsman.Tests.Sigma;

/// <summary>Builds rules from detection snippets and events from field lists, and matches them.</summary>
internal static class SigmaKit
{
    public const string ProcessCreation = "product: windows\n    category: process_creation";

    public static string RuleYaml(string detection, string logsource = ProcessCreation, string extra = "") => $"""
        title: Test rule
        id: 11111111-2222-3333-4444-555555555555
        status: test
        level: high
        {extra}
        logsource:
            {logsource}
        detection:
        {Indent(detection)}
        """;

    private static string Indent(string text) =>
        string.Join("\n", text.Replace("\r", "").Trim('\n').Split('\n').Select(l => "    " + l));

    public static RuleSet Load(string yaml, RuleLoadOptions? options = null)
    {
        var set = RuleLoader.LoadText(yaml, "test.yml", options);
        var skipped = set.Skipped.FirstOrDefault();
        Assert.True(skipped is null, skipped?.ToString());
        return set;
    }

    /// <summary>Loads a rule that must fail and returns its status.</summary>
    public static RuleFileStatus LoadFails(string yaml, RuleLoadOptions? options = null)
    {
        var set = RuleLoader.LoadText(yaml, "test.yml", options);
        var skipped = set.Skipped.ToList();
        Assert.Single(skipped);
        return skipped[0];
    }

    public static WinEvent Sysmon(int eventId, params (string Name, string Value)[] fields) =>
        Event(Channels.Sysmon, eventId, fields);

    public static WinEvent Event(string channel, int eventId, params (string Name, string Value)[] fields)
    {
        var e = new WinEvent { Channel = channel, EventId = eventId, Provider = "Test", Computer = "HOST", TimeCreated = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc) };
        foreach (var (n, v) in fields) e.Add(n, v);
        return e;
    }

    public static bool Matches(RuleSet set, WinEvent e, RuleFilter? filter = null)
    {
        var hits = new List<RuleHit>();
        new RuleMatcher(set, filter).Match(e, hits);
        return hits.Count > 0;
    }

    /// <summary>True when the process_creation rule with this detection matches a Sysmon 1 event with these fields.</summary>
    public static bool Detect(string detection, params (string Name, string Value)[] fields) =>
        Matches(Load(RuleYaml(detection)), Sysmon(1, fields));
}
