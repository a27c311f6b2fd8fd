namespace Huntsman.Sigma.Correlation;

/// <summary>What a correlation measures over its window (spec 2.1 types plus pySigma's value_median).</summary>
public enum CorrelationType
{
    EventCount,
    ValueCount,
    Temporal,
    TemporalOrdered,
    ValueSum,
    ValueAvg,
    ValuePercentile,
    ValueMedian,
}
