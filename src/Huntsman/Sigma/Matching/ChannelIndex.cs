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

    /// <summary>Records which EventIDs each of this index's rule sequences serves (null: any), for <see cref="Freeze"/>.</summary>
    public void Collect(Dictionary<RuleEntry[], HashSet<int>?> served)
    {
        foreach (var (id, list) in _building)
        {
            var entries = list.ToArray();
            if (!served.TryGetValue(entries, out var ids)) served[entries] = [id];
            else ids?.Add(id);
        }
        served[_anyBuilding.ToArray()] = null;
    }

    /// <param name="buckets">One bucket per distinct rule sequence (Sysmon 1 and Security 4688 hold the same rules).</param>
    public void Freeze(Dictionary<RuleEntry[], RuleBucket> buckets)
    {
        _byEventId = _building.ToDictionary(kv => kv.Key, kv => buckets[kv.Value.ToArray()]);
        _anyEventId = buckets[_anyBuilding.ToArray()];
    }

    public void Run(EventScope scope, WinEvent e, List<RuleHit> hits)
    {
        if (_byEventId.TryGetValue(e.EventId, out var bucket)) bucket.Run(scope, e, hits);
        _anyEventId.Run(scope, e, hits);
    }
}
