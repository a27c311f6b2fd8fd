using Huntsman.Events;
using Huntsman.Readers;
using Huntsman.Sigma;

namespace Huntsman.Tests.Rules;

/// <summary>The built-in pack compiled by the Sigma engine, run over shared samples or synthetic events.</summary>
internal static class BuiltinRuleRunner
{
    public static readonly RuleSet Set = RuleLoader.Load([], new RuleLoadOptions { IncludeBuiltin = true });
    public static readonly RuleMatcher Matcher = new(Set);

    /// <summary>Rule title → number of events it matched in the file(s).</summary>
    public static SortedDictionary<string, int> HitsIn(params string[] paths)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var hits = new List<RuleHit>();
        using var reader = new EvidenceReader(new ReaderOptions(), _ => { });
        EvidencePipeline.Run(reader.Units(paths), batch => batch, batch =>
        {
            foreach (var e in batch.Events)
            {
                hits.Clear();
                Matcher.Match(e, hits);
                foreach (var hit in hits) counts[hit.Rule.Title] = counts.GetValueOrDefault(hit.Rule.Title) + 1;
            }
        }, threads: 1);
        return counts;
    }

    public static IReadOnlyList<string> TitlesFor(WinEvent e)
    {
        var hits = new List<RuleHit>();
        Matcher.Match(e, hits);
        return hits.Select(h => h.Rule.Title).Order(StringComparer.Ordinal).ToList();
    }

    public static WinEvent Sysmon(int eventId, params (string Name, string Value)[] fields) =>
        Build("Microsoft-Windows-Sysmon/Operational", "Microsoft-Windows-Sysmon", eventId, fields);

    public static WinEvent Security(int eventId, params (string Name, string Value)[] fields) =>
        Build("Security", "Microsoft-Windows-Security-Auditing", eventId, fields);

    public static WinEvent SystemLog(int eventId, params (string Name, string Value)[] fields) =>
        Build("System", "Service Control Manager", eventId, fields);

    private static WinEvent Build(string channel, string provider, int eventId, (string Name, string Value)[] fields)
    {
        var e = new WinEvent
        {
            Channel = channel, Provider = provider, EventId = eventId, Computer = "WKS01.corp.example",
            TimeCreated = new DateTime(2026, 3, 14, 9, 26, 53, DateTimeKind.Utc), RecordId = 1,
        };
        foreach (var (name, value) in fields) e.Add(name, value);
        EventNormalizer.Normalize(e);
        return e;
    }
}
