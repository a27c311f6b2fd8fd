using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Correlation;

/// <summary>The <c>condition:</c> of a correlation: bounds and value fields, or a temporal string condition.</summary>
internal sealed partial class CorrelationRuleParser
{
    private static readonly string[] ConditionOperators = ["gt", "gte", "lt", "lte", "eq", "neq"];

    private CorrelationCondition ParseCondition(YamlMappingNode correlation, CorrelationType type, IReadOnlyList<string> rules)
    {
        bool temporal = type is CorrelationType.Temporal or CorrelationType.TemporalOrdered;
        bool valueType = !temporal && type != CorrelationType.EventCount;
        var node = Get(correlation, "condition");
        if (node is null)
        {
            if (temporal) return new CorrelationCondition { Bounds = [new ConditionBound(ConditionOperator.Gte, rules.Count)] };
            Error(correlation, $"missing 'condition' (required for {TypeName(type)})");
            return new CorrelationCondition();
        }
        if (node is YamlScalarNode scalar) return ParseExpression(scalar, type, rules);
        if (node is not YamlMappingNode map)
        {
            Error(node, "'condition' must be a mapping such as 'gte: 10'");
            return new CorrelationCondition();
        }

        var bounds = new List<ConditionBound>();
        IReadOnlyList<string> fields = [];
        double? percentile = type == CorrelationType.ValueMedian ? 50 : null;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value;
            int op = key is null ? -1 : Array.IndexOf(ConditionOperators, key);
            if (op >= 0)
            {
                if (TryNumber(valueNode, out var threshold)) bounds.Add(new ConditionBound((ConditionOperator)op, threshold));
                else Error(valueNode, $"'{key}' needs a number, not '{Describe(valueNode)}'");
            }
            else if (key == "field")
            {
                if (!valueType) Error(keyNode, $"'field' is only meaningful for value_* correlations, not {TypeName(type)}");
                fields = StringListOf(valueNode, "field") ?? [];
            }
            else if (key == "percentile")
            {
                if (type != CorrelationType.ValuePercentile) Error(keyNode, $"'percentile' is only meaningful for value_percentile, not {TypeName(type)}");
                else if (TryNumber(valueNode, out var p) && p is >= 0 and <= 100) percentile = p;
                else Error(valueNode, $"'percentile' must be a number from 0 to 100, not '{Describe(valueNode)}'");
            }
            else Error(keyNode, $"unknown key '{key}' in condition (expected gt, gte, lt, lte, eq, neq, field, percentile)");
        }

        if (bounds.Count == 0) Error(map, "condition needs at least one of gt, gte, lt, lte, eq, neq");
        else if (!IsSatisfiable(bounds)) Error(map, $"condition '{string.Join(", ", bounds)}' can never be true");
        if (valueType && fields.Count == 0) Error(map, $"{TypeName(type)} needs 'field' in its condition");
        if (valueType && type != CorrelationType.ValueCount && fields.Count > 1)
            Error(Get(map, "field")!, $"{TypeName(type)} aggregates exactly one numeric field, not {fields.Count}");
        if (type == CorrelationType.ValuePercentile && percentile is null && Get(map, "percentile") is null)
            Error(map, "value_percentile needs 'percentile' (0-100) in its condition, e.g. 'percentile: 95'");
        return new CorrelationCondition { Bounds = bounds, Fields = fields, Percentile = percentile };
    }

    /// <summary>A string condition: temporal takes any and/or/not expression; temporal_ordered only "a and b and …".</summary>
    private CorrelationCondition ParseExpression(YamlScalarNode node, CorrelationType type, IReadOnlyList<string> rules)
    {
        if (type is not (CorrelationType.Temporal or CorrelationType.TemporalOrdered))
        {
            Error(node, $"a string condition is only allowed for temporal and temporal_ordered, not {TypeName(type)}; use a mapping such as 'gte: 10'");
            return new CorrelationCondition();
        }
        if (!RuleExpression.TryParse(node.Value ?? "", out var expression, out var problem))
        {
            Error(node, problem);
            return new CorrelationCondition();
        }
        var named = expression!.References;
        if (rules.Count > 0)
        {
            var unused = rules.Where(r => !named.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            var unknown = named.Where(r => !rules.Contains(r, StringComparer.OrdinalIgnoreCase)).ToList();
            if (unused.Count > 0) Error(node, $"rules listed but not used in the condition: {string.Join(", ", unused)}");
            if (unknown.Count > 0) Error(node, $"rules used in the condition but not listed in 'rules': {string.Join(", ", unknown)}");
        }
        var ordered = rules.Count > 0 ? rules : named;
        if (type == CorrelationType.TemporalOrdered)
        {
            // Order is defined over the rules list; "a or b" or "not c" has no order to follow, so only the
            // all-rules conjunction (the default condition) is accepted.
            if (!expression.IsPlainConjunction || ordered.Distinct(StringComparer.OrdinalIgnoreCase).Count() != named.Count)
                Error(node, "temporal_ordered accepts only a string condition joining every rule with 'and' (the default); use temporal for 'or' and 'not'");
            return new CorrelationCondition { Bounds = [new ConditionBound(ConditionOperator.Gte, ordered.Count)] };
        }
        return new CorrelationCondition { Expression = expression };
    }

    /// <summary>Rejects ranges whose lower bound lies above the upper bound, e.g. gt: 200 + lt: 100.</summary>
    private static bool IsSatisfiable(List<ConditionBound> bounds)
    {
        double low = double.NegativeInfinity, high = double.PositiveInfinity;
        bool lowOpen = false, highOpen = false;
        foreach (var b in bounds)
        {
            switch (b.Operator)
            {
                case ConditionOperator.Gt when b.Threshold >= low: low = b.Threshold; lowOpen = true; break;
                case ConditionOperator.Gte when b.Threshold > low: low = b.Threshold; lowOpen = false; break;
                case ConditionOperator.Lt when b.Threshold <= high: high = b.Threshold; highOpen = true; break;
                case ConditionOperator.Lte when b.Threshold < high: high = b.Threshold; highOpen = false; break;
                case ConditionOperator.Eq:
                    if (b.Threshold < low || b.Threshold > high) return false;
                    low = high = b.Threshold; lowOpen = highOpen = false;
                    break;
            }
        }
        if (low > high) return false;
        if (low == high && (lowOpen || highOpen)) return false;
        foreach (var b in bounds)
            if (b.Operator == ConditionOperator.Neq && low == high && b.Threshold == low) return false;
        return true;
    }
}
