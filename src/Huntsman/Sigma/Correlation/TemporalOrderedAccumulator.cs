namespace Huntsman.Sigma.Correlation;

/// <summary>
/// temporal_ordered: the length of the longest prefix of the <c>rules</c> list whose detections occur
/// in that order inside the window. For each prefix length it keeps only the chain that started
/// latest, which is the one that stays in the window longest: O(rules) state and work per event.
/// </summary>
internal sealed class TemporalOrderedAccumulator(int slots) : WindowAccumulator
{
    private sealed record Link(int Index, int StartIndex, Link? Previous);

    private readonly Link?[] latest = new Link?[slots];
    private int lastRemoved = -1;

    public override void Add(int index, in Observation o)
    {
        int k = o.Slot;
        Link? candidate = k == 0
            ? new Link(index, index, null)
            : IsLive(latest[k - 1]) ? new Link(index, latest[k - 1]!.StartIndex, latest[k - 1]) : null;
        if (candidate is not null && (!IsLive(latest[k]) || candidate.StartIndex > latest[k]!.StartIndex))
            latest[k] = candidate;
    }

    // Observations leave strictly oldest-first, so a chain is live while it starts after the last one removed.
    public override void Remove(int index, in Observation o) => lastRemoved = index;

    private bool IsLive(Link? link) => link is not null && link.StartIndex > lastRemoved;

    public override double Value
    {
        get
        {
            for (int k = latest.Length - 1; k >= 0; k--)
                if (IsLive(latest[k])) return k + 1;
            return 0;
        }
    }

    public override List<int>? Contributors()
    {
        int length = (int)Value;
        var list = new List<int>(length);
        for (var link = length == 0 ? null : latest[length - 1]; link is not null; link = link.Previous) list.Add(link.Index);
        list.Reverse();
        return list;
    }

    public override void Clear() => Array.Clear(latest);
}
