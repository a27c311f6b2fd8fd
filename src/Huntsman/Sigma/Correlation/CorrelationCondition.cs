namespace Huntsman.Sigma.Correlation;

/// <summary>
/// The <c>condition:</c> of a correlation: one or more bounds that must all hold (a range such as
/// <c>gt: 100</c> + <c>lte: 200</c> is allowed, unlike pySigma), plus <c>field</c> and <c>percentile</c>
/// for the value_* types; or, for temporal types, a boolean expression over the referenced rules.
/// </summary>
public sealed class CorrelationCondition
{
    public IReadOnlyList<ConditionBound> Bounds { get; init; } = [];

    /// <summary>The field(s) aggregated by value_* types; several fields (value_count only) count distinct combinations.</summary>
    public IReadOnlyList<string> Fields { get; init; } = [];

    /// <summary>The percentile (0–100) for value_percentile; 50 for value_median.</summary>
    public double? Percentile { get; init; }

    /// <summary>A temporal string condition (then <see cref="Bounds"/> is empty); null otherwise.</summary>
    public RuleExpression? Expression { get; init; }

    public bool IsMetBy(double value)
    {
        foreach (var bound in Bounds)
            if (!bound.IsMetBy(value)) return false;
        return true;
    }

    /// <summary>
    /// True when the condition can be settled as soon as it holds (gt/gte only). Any upper bound
    /// (lt, lte, eq, neq) can only be judged once a window can no longer grow.
    /// </summary>
    public bool FiresOnRise
    {
        get
        {
            if (Expression is not null) return !Expression.HasNegation;
            foreach (var bound in Bounds)
                if (!bound.IsLowerBoundOnly) return false;
            return true;
        }
    }

    public override string ToString() => Expression?.Text ?? string.Join(", ", Bounds);
}
