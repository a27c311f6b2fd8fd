using Huntsman.Sigma;

namespace Huntsman.Noise.Coverage;

/// <summary>
/// The rule side of coverage: which rules can never fire on the evidence because none of the feeds
/// their logsource reads is present, grouped by logsource and missing feed, with the advice that would
/// fix it. Rules whose logsource maps to no feed (non-Windows, unknown) are counted in <see cref="Unmapped"/>, not as blind.
/// </summary>
public sealed class RuleBlindness(IReadOnlyList<RuleRequirement> rules)
{
    private const int ExamplesPerGroup = 5;

    public IReadOnlyList<RuleRequirement> Rules { get; } = rules;
    public int Unmapped => Rules.Count(r => r.Feeds.Count == 0);

    /// <summary>
    /// Requirements of loaded Sigma rules, from the Sigma engine's logsource taxonomy (its targets) narrowed
    /// by the EventIDs the detection itself demands (a Security rule on EventID 5145 needs 5145, not any Security event).
    /// </summary>
    public static RuleBlindness For(IEnumerable<SigmaRule> rules) => new(rules.Select(Requirement).ToList());

    private static RuleRequirement Requirement(SigmaRule rule)
    {
        var required = rule.Condition.RequiredEventIds();
        var feeds = new List<TelemetryFeed>();
        foreach (var target in rule.Targets)
        {
            IEnumerable<int> ids = target.EventIds ?? (IEnumerable<int>?)required ?? [];
            if (target.EventIds is not null && required is not null) ids = target.EventIds.Where(required.Contains);
            var list = ids.Order().ToList();
            if (target.EventIds is not null && list.Count == 0) continue; // the detection's EventIDs exclude this source
            feeds.Add(new TelemetryFeed(target.Channel, list, target.ChannelIsPrefix));
        }
        return new RuleRequirement(rule.Id ?? rule.Name ?? $"{rule.File}:{rule.Line}", rule.LogSource.ToString(), feeds);
    }

    internal CoverageReport AddTo(CoverageReport report)
    {
        var present = report.Hosts.SelectMany(h => h.EventIds).Select(e => (e.Channel, e.EventId)).Distinct().ToList();
        var groups = new Dictionary<(string LogSource, string Needs), List<RuleRequirement>>();
        foreach (var rule in Rules)
        {
            if (rule.Feeds.Count == 0 || rule.Feeds.Any(f => present.Any(p => f.Covers(p.Channel, p.EventId)))) continue;
            var key = (rule.LogSource, string.Join(" or ", rule.Feeds));
            if (!groups.TryGetValue(key, out var list)) groups.Add(key, list = new());
            list.Add(rule);
        }
        var spots = groups.Select(g => Describe(g.Key.LogSource, g.Key.Needs, g.Value))
            .OrderByDescending(s => s.Rules).ThenBy(s => s.LogSource, StringComparer.Ordinal).ThenBy(s => s.Needs, StringComparer.Ordinal).ToList();
        return new CoverageReport
        {
            Events = report.Events, Hosts = report.Hosts, MissingEverywhere = report.MissingEverywhere,
            RulesLoaded = Rules.Count, RulesBlind = spots.Sum(s => s.Rules), RuleBlindSpots = spots,
        };
    }

    private static RuleBlindSpot Describe(string logSource, string needs, List<RuleRequirement> rules)
    {
        var feeds = rules[0].Feeds;
        var source = TelemetryCatalog.All.FirstOrDefault(s => feeds.Any(f => f.EventIds.Any(id => s.IsFedBy(f.Channel, id))));
        var sysmon = feeds.FirstOrDefault(f => !f.ChannelIsPrefix && f.Channel.Equals(Events.Taxonomy.Channels.Sysmon, StringComparison.OrdinalIgnoreCase) && f.EventIds.Count > 0);
        var advice = source is not null ? $"{source.Name}: {source.Advice}"
            : sysmon is not null ? $"enable {string.Join(", ", sysmon.EventIds.Select(id => $"Sysmon {SysmonEventTypes.Name(id) ?? "event"} (event {id})"))} in the Sysmon configuration"
            : $"collect the {string.Join(" / ", feeds.Select(f => f.ChannelIsPrefix && f.Channel.Length == 0 ? "Windows event" : f.Channel).Distinct(StringComparer.OrdinalIgnoreCase))} log";
        var examples = rules.Select(r => r.RuleId).Order(StringComparer.Ordinal).Take(ExamplesPerGroup).ToList();
        return new RuleBlindSpot(logSource, needs, rules.Count, examples, advice);
    }
}
