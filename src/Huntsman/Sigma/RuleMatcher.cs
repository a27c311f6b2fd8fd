using Huntsman.Events;
using Huntsman.Sigma.Detection;
using Huntsman.Sigma.Matching;

namespace Huntsman.Sigma;

/// <summary>
/// Compiled, immutable and thread-safe set of detection rules. Rules are indexed by channel and
/// EventID (from the logsource and from EventID constraints in the detection), so an event is only
/// tested against rules that can match it; Sigma filters are ANDed onto the rules they target.
/// </summary>
public sealed class RuleMatcher
{
    private readonly Dictionary<string, ChannelIndex> _byChannel = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Prefix, ChannelIndex Index)> _byPrefix = new();
    private readonly FieldRegistry _fields;
    private readonly ThreadLocal<EventScope> _scopes;

    public RuleMatcher(RuleSet set, RuleFilter? filter = null)
    {
        filter ??= RuleFilter.All;
        _fields = set.Fields;
        var eventType = _fields.Get("EventType");
        var selected = new List<SigmaRule>();
        foreach (var rule in set.Rules)
        {
            if (!filter.Accepts(rule)) continue;
            selected.Add(rule);
            var filters = set.Filters.Where(f => f.AppliesTo(rule)).Select(f => f.Condition).ToArray();
            var condition = filters.Length == 0 ? rule.Condition : new AndNode([rule.Condition, .. filters]);
            var required = condition.RequiredEventIds();
            foreach (var target in rule.Targets)
            {
                IEnumerable<int>? ids = target.EventIds;
                if (required is not null) ids = ids is null ? required : ids.Where(required.Contains).ToArray();
                if (ids is int[] { Length: 0 }) continue; // the detection's EventIDs exclude this source
                Index(target).Add(new RuleEntry(rule, condition, target.EventTypes, eventType), ids);
            }
        }
        foreach (var index in _byChannel.Values) index.Freeze();
        foreach (var (_, index) in _byPrefix) index.Freeze();
        Rules = selected;
        var fields = _fields.All.ToArray();
        _scopes = new ThreadLocal<EventScope>(() => new EventScope(fields));
    }

    /// <summary>The rules selected by the filter (including those without matching telemetry).</summary>
    public IReadOnlyList<SigmaRule> Rules { get; }

    /// <summary>Appends every rule that matches the event to <paramref name="hits"/>.</summary>
    public void Match(WinEvent e, List<RuleHit> hits)
    {
        var scope = _scopes.Value!;
        scope.Reset(e);
        if (_byChannel.TryGetValue(e.Channel, out var index)) index.Run(scope, e, hits);
        foreach (var (prefix, prefixIndex) in _byPrefix)
            if (e.Channel.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) prefixIndex.Run(scope, e, hits);
    }

    private ChannelIndex Index(LogsourceTarget target)
    {
        if (!target.ChannelIsPrefix)
        {
            if (!_byChannel.TryGetValue(target.Channel, out var index)) _byChannel[target.Channel] = index = new ChannelIndex();
            return index;
        }
        foreach (var (prefix, existing) in _byPrefix)
            if (prefix.Equals(target.Channel, StringComparison.OrdinalIgnoreCase)) return existing;
        var created = new ChannelIndex();
        _byPrefix.Add((target.Channel, created));
        return created;
    }
}
