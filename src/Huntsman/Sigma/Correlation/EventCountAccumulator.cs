namespace Huntsman.Sigma.Correlation;

/// <summary>event_count: the number of events in the window.</summary>
internal sealed class EventCountAccumulator : WindowAccumulator
{
    private int count;
    public override void Add(int index, in Observation o) => count++;
    public override void Remove(int index, in Observation o) => count--;
    public override double Value => count;
    public override void Clear() => count = 0;
}
