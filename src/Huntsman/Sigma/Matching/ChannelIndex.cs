namespace Huntsman.Sigma.Matching;

/// <summary>The rules of one channel, by EventID, plus those that accept any EventID.</summary>
internal sealed class ChannelIndex
{
    private readonly Dictionary<int, List<RuleEntry>> _building = new();
    private readonly List<RuleEntry> _anyBuilding = new();
    private Dictionary<int, RuleEntry[]> _byEventId = new();
    private RuleEntry[] _anyEventId = [];

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
        _byEventId = _building.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        _anyEventId = _anyBuilding.ToArray();
    }

    public RuleEntry[] ForEventId(int eventId) => _byEventId.TryGetValue(eventId, out var list) ? list : [];
    public RuleEntry[] AnyEventId => _anyEventId;
    public int EntryCount => _byEventId.Values.Sum(l => l.Length) + _anyEventId.Length;
}
