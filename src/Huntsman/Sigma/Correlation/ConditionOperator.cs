namespace Huntsman.Sigma.Correlation;

/// <summary>A comparison in a correlation condition, spelled as in YAML (<c>gt</c>, <c>gte</c>, …).</summary>
public enum ConditionOperator
{
    Gt,
    Gte,
    Lt,
    Lte,
    Eq,
    Neq,
}
