namespace Huntsman.Noise.Baseline;

/// <summary>
/// One kind of behaviour in a baseline: every observation counted, the distinct keys kept (at most the
/// baseline's cap, the most frequent), and what the cap left out.
/// </summary>
public sealed class BaselineCategory
{
    /// <summary>Observations of this kind while learning ("41,230 process starts"), kept keys or not.</summary>
    public long Observations { get; internal set; }
    /// <summary>Distinct keys left out by the size cap (the rarest ones; an upper bound once the learning cap was hit).</summary>
    public long DroppedKeys { get; internal set; }
    public Dictionary<string, BaselineEntry> Entries { get; } = new(StringComparer.Ordinal);
}
