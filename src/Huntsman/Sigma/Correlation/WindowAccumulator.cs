namespace Huntsman.Sigma.Correlation;

/// <summary>
/// The running value of one group's window. Observations enter in evaluation order and leave
/// oldest-first, so each type keeps just enough state to answer <see cref="Value"/> cheaply.
/// </summary>
internal abstract class WindowAccumulator
{
    public abstract void Add(int index, in Observation o);
    public abstract void Remove(int index, in Observation o);
    public abstract double Value { get; }
    public abstract void Clear();

    /// <summary>Whether the window meets the condition; only temporal string conditions look past <see cref="Value"/>.</summary>
    public virtual bool Satisfies(CorrelationCondition condition) => condition.IsMetBy(Value);

    /// <summary>The observations that justify <see cref="Value"/>; null means the whole window.</summary>
    public virtual List<int>? Contributors() => null;

    public static WindowAccumulator For(CorrelationRule rule) => rule.Type switch
    {
        CorrelationType.EventCount => new EventCountAccumulator(),
        CorrelationType.ValueCount => new DistinctValueAccumulator(),
        CorrelationType.Temporal => new TemporalAccumulator(rule),
        CorrelationType.TemporalOrdered => new TemporalOrderedAccumulator(rule.Rules.Count),
        CorrelationType.ValueSum => new SumAccumulator(average: false),
        CorrelationType.ValueAvg => new SumAccumulator(average: true),
        _ => new PercentileAccumulator(rule.Condition.Percentile ?? 50),
    };
}
