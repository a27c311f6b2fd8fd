namespace Huntsman.Sigma.Correlation;

/// <summary>One comparison of a correlation condition, e.g. <c>gte: 10</c>.</summary>
public readonly record struct ConditionBound(ConditionOperator Operator, double Threshold)
{
    public bool IsMetBy(double value) => Operator switch
    {
        ConditionOperator.Gt => value > Threshold,
        ConditionOperator.Gte => value >= Threshold,
        ConditionOperator.Lt => value < Threshold,
        ConditionOperator.Lte => value <= Threshold,
        ConditionOperator.Eq => value == Threshold,
        _ => value != Threshold,
    };

    /// <summary>Only gt/gte stay true as a count grows; every other operator bounds the value from above (or both sides).</summary>
    public bool IsLowerBoundOnly => Operator is ConditionOperator.Gt or ConditionOperator.Gte;

    public override string ToString() => $"{Operator.ToString().ToLowerInvariant()}: {Threshold.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}
