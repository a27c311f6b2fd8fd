using Huntsman.Events;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>The rules of one channel, by EventID, plus those that accept any EventID.</summary>
internal sealed class ChannelIndex
{
    private readonly Dictionary<int, List<RuleEntry>> _building = new();
    private readonly List<RuleEntry> _anyBuilding = new();
    private Dictionary<int, RuleBucket> _byEventId = new();
    private RuleBucket _anyEventId = new([]);

    public void Add(RuleEntry entry, IEnumerable<int>? eventIds)
    {
        if (eventIds is null) { _anyBuilding.Add(entry); return; }
        foreach (var id in eventIds)
        {
            if (!_building.TryGetValue(id, out var list)) _building[id] = list = new();
            list.Add(entry);
        }
    }

    /// <param name="shared">Buckets already built, by rule sequence; equal sequences share one bucket.</param>
    public void Freeze(Dictionary<RuleEntry[], RuleBucket> shared)
    {
        _byEventId = _building.ToDictionary(kv => kv.Key, kv => Bucket(kv.Value.ToArray(), shared));
        _anyEventId = Bucket(_anyBuilding.ToArray(), shared);
    }

    private static RuleBucket Bucket(RuleEntry[] entries, Dictionary<RuleEntry[], RuleBucket> shared)
    {
        if (!shared.TryGetValue(entries, out var bucket)) shared[entries] = bucket = new RuleBucket(entries);
        return bucket;
    }

    public void Run(EventScope scope, WinEvent e, List<RuleHit> hits)
    {
        if (_byEventId.TryGetValue(e.EventId, out var bucket)) bucket.Run(scope, e, hits);
        _anyEventId.Run(scope, e, hits);
    }
}
