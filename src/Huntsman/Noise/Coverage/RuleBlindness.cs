namespace Huntsman.Noise.Coverage;

/// <summary>
/// The rule side of coverage: which rules can never fire on the evidence because none of the feeds
/// their logsource reads is present, grouped by logsource with the advice that would fix it.
/// Rules whose logsource maps to no feed (non-Windows, unknown) are counted in <see cref="Unmapped"/>, not as blind.
/// </summary>
public sealed class RuleBlindness(IReadOnlyList<RuleRequirement> rules)
{
    private const int ExamplesPerGroup = 5;

    public IReadOnlyList<RuleRequirement> Rules { get; } = rules;
    public int Unmapped => Rules.Count(r => r.Feeds.Count == 0);

    internal CoverageReport AddTo(CoverageReport report, Func<string, int, bool> present)
    {
        var channelsPresent = new HashSet<string>(report.Hosts.SelectMany(h => h.EventIds).Select(e => e.Channel), StringComparer.OrdinalIgnoreCase);
        var groups = new SortedDictionary<string, List<RuleRequirement>>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (rule.Feeds.Count == 0 || CanFire(rule, present, channelsPresent)) continue;
            if (!groups.TryGetValue(rule.LogSource, out var list)) groups.Add(rule.LogSource, list = new());
            list.Add(rule);
        }
        var spots = groups.Select(g => Describe(g.Key, g.Value))
            .OrderByDescending(s => s.Rules).ThenBy(s => s.LogSource, StringComparer.Ordinal).ToList();
        return new CoverageReport
        {
            Events = report.Events, Hosts = report.Hosts, MissingEverywhere = report.MissingEverywhere,
            RulesLoaded = Rules.Count, RulesBlind = spots.Sum(s => s.Rules), RuleBlindSpots = spots,
        };
    }

    private static bool CanFire(RuleRequirement rule, Func<string, int, bool> present, HashSet<string> channelsPresent)
    {
        foreach (var feed in rule.Feeds)
        {
            if (feed.EventIds.Count == 0) { if (channelsPresent.Contains(feed.Channel)) return true; continue; }
            foreach (var id in feed.EventIds)
                if (present(feed.Channel, id)) return true;
        }
        return false;
    }

    private static RuleBlindSpot Describe(string logSource, List<RuleRequirement> rules)
    {
        var feeds = rules[0].Feeds;
        var needs = string.Join(" or ", feeds.Select(f => f.EventIds.Count == 0 ? TelemetryFeed.ShortChannel(f.Channel) + " log" : f.ToString()));
        var source = TelemetryCatalog.All.FirstOrDefault(s => feeds.Any(f => f.EventIds.Any(id => s.IsFedBy(f.Channel, id))));
        var advice = source is not null
            ? $"{source.Name}: {source.Advice}"
            : $"collect the {string.Join(" / ", feeds.Select(f => f.Channel).Distinct(StringComparer.OrdinalIgnoreCase))} log";
        var examples = rules.Select(r => r.RuleId).Order(StringComparer.Ordinal).Take(ExamplesPerGroup).ToList();
        return new RuleBlindSpot(logSource, needs, rules.Count, examples, advice);
    }
}
