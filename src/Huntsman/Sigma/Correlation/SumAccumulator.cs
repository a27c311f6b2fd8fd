namespace Huntsman.Sigma.Correlation;

/// <summary>value_sum / value_avg over the numeric condition field of the window's events.</summary>
internal sealed class SumAccumulator(bool average) : WindowAccumulator
{
    private double sum;
    private int count;

    public override void Add(int index, in Observation o)
    {
        sum += o.Number;
        count++;
    }

    public override void Remove(int index, in Observation o)
    {
        // Restart from exact zero when the window empties, so rounding never accumulates across windows.
        if (--count == 0) sum = 0;
        else sum -= o.Number;
    }

    public override double Value => average ? (count == 0 ? 0 : sum / count) : sum;

    public override void Clear()
    {
        sum = 0;
        count = 0;
    }
}
