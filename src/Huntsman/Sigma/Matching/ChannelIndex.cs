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

    public void Freeze()
    {
        _byEventId = _building.ToDictionary(kv => kv.Key, kv => new RuleBucket(kv.Value.ToArray()));
        _anyEventId = new RuleBucket(_anyBuilding.ToArray());
    }

    public void Run(EventScope scope, WinEvent e, List<RuleHit> hits)
    {
        if (_byEventId.TryGetValue(e.EventId, out var bucket)) bucket.Run(scope, e, hits);
        _anyEventId.Run(scope, e, hits);
    }
}
