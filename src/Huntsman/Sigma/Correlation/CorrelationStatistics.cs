namespace Huntsman.Sigma.Correlation;

/// <summary>What one correlation saw and kept: input counts, what was set aside, and how large its live state grew.</summary>
public sealed class CorrelationStatistics
{
    internal long observed, missingGroup, ignoredValues;

    /// <summary>Detections (and chained matches) accepted for evaluation.</summary>
    public long Observed => Interlocked.Read(ref observed);
    /// <summary>Detections dropped because a group-by field was absent (as SIEM group-bys drop null keys).</summary>
    public long MissingGroup => Interlocked.Read(ref missingGroup);
    /// <summary>value_* detections whose condition field was absent or (for sum/avg/percentile/median) not a number.</summary>
    public long IgnoredValues => Interlocked.Read(ref ignoredValues);
    /// <summary>The same event seen through two referenced rules, counted once by event_count and value_* types.</summary>
    public long Duplicates { get; internal set; }
    /// <summary>Largest number of observations held in one group's window.</summary>
    public int PeakWindow { get; internal set; }
    /// <summary>Largest number of observations held in all windows at once.</summary>
    public int PeakLiveObservations { get; internal set; }
    /// <summary>Largest number of groups held at once (idle groups are dropped as the evaluation moves on).</summary>
    public int PeakGroups { get; internal set; }
    public int Matches { get; internal set; }
}
