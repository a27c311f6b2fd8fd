using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// The evaluation order: event time, then file, record id and place in the file, so results never
/// depend on the order in which threads observed detections. Slots of one event sort last-to-first,
/// which lets temporal_ordered extend a chain with an event before that event starts a new one.
/// </summary>
internal sealed class ObservationOrder : IComparer<Observation>
{
    public static readonly ObservationOrder Instance = new();

    public int Compare(Observation x, Observation y)
    {
        int c = x.Time.CompareTo(y.Time);
        if (c != 0) return c;
        c = CompareEvents(x.Anchor, y.Anchor);
        return c != 0 ? c : y.Slot.CompareTo(x.Slot);
    }

    /// <summary>Orders events by time, file, record id, line, offset and chunk.</summary>
    public static int CompareEvents(WinEvent x, WinEvent y)
    {
        if (ReferenceEquals(x, y)) return 0;
        int c = x.TimeCreated.CompareTo(y.TimeCreated);
        if (c != 0) return c;
        c = string.CompareOrdinal(x.Origin.File, y.Origin.File);
        if (c != 0) return c;
        c = x.RecordId.CompareTo(y.RecordId);
        if (c != 0) return c;
        c = x.Origin.LineNumber.CompareTo(y.Origin.LineNumber);
        if (c != 0) return c;
        c = x.Origin.Offset.CompareTo(y.Origin.Offset);
        return c != 0 ? c : x.Origin.ChunkIndex.CompareTo(y.Origin.ChunkIndex);
    }

    /// <summary>True when both observations sit at the same place in the evidence (slot ignored).</summary>
    public static bool SamePlace(in Observation x, in Observation y) =>
        x.Time == y.Time && CompareEvents(x.Anchor, y.Anchor) == 0;
}
