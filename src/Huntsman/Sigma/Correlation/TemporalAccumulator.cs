namespace Huntsman.Sigma.Correlation;

/// <summary>temporal: how many of the referenced rules (slots) have at least one detection in the window.</summary>
internal sealed class TemporalAccumulator(int slots) : WindowAccumulator
{
    private readonly int[] perSlot = new int[slots];
    private int present;

    public override void Add(int index, in Observation o)
    {
        if (perSlot[o.Slot]++ == 0) present++;
    }

    public override void Remove(int index, in Observation o)
    {
        if (--perSlot[o.Slot] == 0) present--;
    }

    public override double Value => present;

    public override void Clear()
    {
        Array.Clear(perSlot);
        present = 0;
    }
}
