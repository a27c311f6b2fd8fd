namespace Huntsman.Lateral;

/// <summary>Fills a finding's evidence list: every anchor, then context, capped so a burst of share access stays readable.</summary>
internal static class EvidenceList
{
    public const int Limit = 60;

    public static void Fill(LateralFinding finding, IEnumerable<Observation> observations)
    {
        var list = observations.DistinctBy(o => o.Event).OrderBy(o => o.Time).ThenBy(o => o.Event.RecordId).ToList();
        // Over the limit: context gets up to half, anchors the rest (the earliest of each).
        int context = Math.Min(list.Count(o => !o.Anchor), Limit / 2);
        var keep = list.Count <= Limit ? list : list.Where(o => o.Anchor).Take(Limit - context).Concat(list.Where(o => !o.Anchor).Take(context))
                                                    .OrderBy(o => o.Time).ThenBy(o => o.Event.RecordId).ToList();
        foreach (var o in keep)
            finding.Evidence.Add(new FindingEvidence(o.Host, o.Time, o.Event.Origin.File, o.Event.RecordId, o.Event.EventId, o.Summary));
        if (keep.Count < list.Count) finding.Reasons.Add($"{list.Count - keep.Count} more events not listed as evidence ({list.Count} in all)");
    }

    public static void Append(LateralFinding finding, IEnumerable<Observation> observations)
    {
        var known = finding.Evidence.Select(e => (e.File, e.RecordId, e.EventId)).ToHashSet();
        foreach (var o in observations.OrderBy(o => o.Time))
            if (known.Add((o.Event.Origin.File, o.Event.RecordId, o.Event.EventId)))
                finding.Evidence.Add(new FindingEvidence(o.Host, o.Time, o.Event.Origin.File, o.Event.RecordId, o.Event.EventId, o.Summary));
        finding.Evidence.Sort((a, b) => a.Time.CompareTo(b.Time) is var c && c != 0 ? c : a.RecordId.CompareTo(b.RecordId));
    }
}
