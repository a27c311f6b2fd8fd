namespace Huntsman.Sigma.Correlation;

/// <summary>value_count: the number of distinct values of the condition field(s) in the window.</summary>
internal sealed class DistinctValueAccumulator : WindowAccumulator
{
    // Values compare exactly (case-sensitive), as SIEM distinct counts do.
    private readonly Dictionary<string, int> counts = new(StringComparer.Ordinal);

    public override void Add(int index, in Observation o)
    {
        ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, o.Distinct!, out _);
        n++;
    }

    public override void Remove(int index, in Observation o)
    {
        ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrNullRef(counts, o.Distinct!);
        if (--n == 0) counts.Remove(o.Distinct!);
    }

    public override double Value => counts.Count;
    public override void Clear() => counts.Clear();
}
