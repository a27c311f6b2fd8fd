namespace Huntsman.Sigma.Correlation;

/// <summary>
/// value_percentile / value_median: the window's values kept sorted; the percentile interpolates
/// linearly between the two nearest ranks (rank = p/100 × (n − 1), as numpy's default and Excel's PERCENTILE.INC).
/// </summary>
internal sealed class PercentileAccumulator(double percentile) : WindowAccumulator
{
    private readonly SortedBlocks sorted = new();

    public override void Add(int index, in Observation o) => sorted.Add(o.Number);

    public override void Remove(int index, in Observation o) => sorted.Remove(o.Number);

    public override double Value
    {
        get
        {
            if (sorted.Count == 0) return 0;
            double rank = percentile / 100 * (sorted.Count - 1);
            int low = (int)Math.Floor(rank), high = (int)Math.Ceiling(rank);
            return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
        }
    }

    public override void Clear() => sorted.Clear();
}
