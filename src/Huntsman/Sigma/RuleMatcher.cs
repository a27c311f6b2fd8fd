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
    private readonly ThreadLocal<ThreadState> _states;

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
            RuleEntry? plain = null; // shared by targets without an EventType guard, so their buckets can be shared too
            foreach (var target in rule.Targets)
            {
                IEnumerable<int>? ids = target.EventIds;
                if (required is not null) ids = ids is null ? required : ids.Where(required.Contains).ToArray();
                if (ids is int[] { Length: 0 }) continue; // the detection's EventIDs exclude this source
                var entry = target.EventTypes is null
                    ? plain ??= new RuleEntry(rule, condition, null, eventType)
                    : new RuleEntry(rule, condition, target.EventTypes, eventType);
                Index(target).Add(entry, ids);
            }
        }
        // Sysmon 1, Security 4688 and Defender process events hold the same rules: build each distinct bucket once, for
        // every EventID it serves.
        var indexes = _byChannel.Values.Concat(_byPrefix.Select(p => p.Index)).ToList();
        var served = new Dictionary<RuleEntry[], HashSet<int>?>(EntrySequence.Instance);
        foreach (var index in indexes) index.Collect(served);
        var buckets = served.ToDictionary(kv => kv.Key, kv => new RuleBucket(kv.Key, kv.Value), EntrySequence.Instance);
        foreach (var index in indexes) index.Freeze(buckets);
        Rules = selected;
        var fields = _fields.All.ToArray();
        _states = new ThreadLocal<ThreadState>(() => new ThreadState(new EventScope(fields)));
    }

    /// <summary>The rules selected by the filter (including those without matching telemetry).</summary>
    public IReadOnlyList<SigmaRule> Rules { get; }

    /// <summary>Appends every rule that matches the event to <paramref name="hits"/>.</summary>
    public void Match(WinEvent e, List<RuleHit> hits)
    {
        var state = _states.Value!;
        state.Scope.Reset(e);
        foreach (var index in state.IndexesFor(e.Channel, this)) index.Run(state.Scope, e, hits);
    }

    /// <summary>The channel's own index, then every prefix index that covers it, in that order.</summary>
    private ChannelIndex[] IndexesOf(string channel)
    {
        var indexes = new List<ChannelIndex>();
        if (_byChannel.TryGetValue(channel, out var index)) indexes.Add(index);
        foreach (var (prefix, prefixIndex) in _byPrefix)
            if (channel.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) indexes.Add(prefixIndex);
        return indexes.ToArray();
    }

    /// <summary>
    /// One thread's scope, and the indexes of the channel it saw last: events come a chunk of one log at a time, so the
    /// lookup (hashing the name ignoring case, testing every prefix) is mostly one ordinal compare.
    /// </summary>
    private sealed class ThreadState(EventScope scope)
    {
        private string? _channel;
        private ChannelIndex[] _indexes = [];

        public EventScope Scope { get; } = scope;

        public ChannelIndex[] IndexesFor(string channel, RuleMatcher matcher)
        {
            if (!string.Equals(channel, _channel, StringComparison.Ordinal))
            {
                _indexes = matcher.IndexesOf(channel);
                _channel = channel;
            }
            return _indexes;
        }
    }

    private sealed class EntrySequence : IEqualityComparer<RuleEntry[]>
    {
        public static readonly EntrySequence Instance = new();
        public bool Equals(RuleEntry[]? a, RuleEntry[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);
        public int GetHashCode(RuleEntry[] entries)
        {
            var hash = new HashCode();
            foreach (var e in entries) hash.Add(e);
            return hash.ToHashCode();
        }
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
