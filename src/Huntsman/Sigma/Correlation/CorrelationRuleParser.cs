using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// Reads one correlation YAML document into a <see cref="CorrelationRule"/>, collecting every problem
/// as <c>file:line:column: message</c> instead of stopping at the first.
/// </summary>
internal sealed class CorrelationRuleParser(string file)
{
    private static readonly string[] Levels = ["informational", "low", "medium", "high", "critical"];
    private static readonly string[] Statuses = ["stable", "test", "experimental", "deprecated", "unsupported"];
    private static readonly string[] CorrelationKeys = ["type", "rules", "group-by", "timespan", "condition", "aliases", "generate"];
    private static readonly string[] ConditionOperators = ["gt", "gte", "lt", "lte", "eq", "neq"];

    public List<string> Errors { get; } = [];

    public CorrelationRule? Parse(YamlMappingNode document)
    {
        var title = OptionalScalar(document, "title");
        if (title is null && Get(document, "title") is null) Error(document, "missing 'title'");
        if (Get(document, "detection") is not null)
            Error(Get(document, "detection")!, "a correlation rule cannot also have a 'detection' (put the base rule in its own YAML document)");
        var level = OptionalScalar(document, "level");
        if (level is not null && Array.IndexOf(Levels, level) < 0)
            Error(Get(document, "level")!, $"level '{level}' is not one of {string.Join(", ", Levels)}");
        var status = OptionalScalar(document, "status");
        if (status is not null && Array.IndexOf(Statuses, status) < 0)
            Error(Get(document, "status")!, $"status '{status}' is not one of {string.Join(", ", Statuses)}");

        if (Get(document, "correlation") is not YamlMappingNode correlation)
        {
            Error(Get(document, "correlation") ?? document, "'correlation' must be a mapping with type, rules, timespan, …");
            return null;
        }
        foreach (var key in correlation.Children.Keys)
            if (key is not YamlScalarNode { Value: { } k } || Array.IndexOf(CorrelationKeys, k) < 0)
                Error(key, $"unknown key '{(key as YamlScalarNode)?.Value}' in 'correlation' (expected one of {string.Join(", ", CorrelationKeys)})");

        var type = ParseType(correlation);
        var rules = StringList(correlation, "rules") ?? [];
        var (timespan, timespanText) = ParseTimespan(correlation);
        var condition = type is null ? new CorrelationCondition() : ParseCondition(correlation, type.Value, rules);
        // As in pySigma, a string condition may stand in for the rules list.
        if (rules.Count == 0 && condition.Expression is not null) rules = condition.Expression.References;
        if (rules.Count == 0) Error(Get(correlation, "rules") ?? correlation, "'rules' must name at least one rule (id or name)");

        return new CorrelationRule
        {
            File = file,
            Line = (int)document.Start.Line,
            Column = (int)document.Start.Column,
            Title = title ?? "",
            Id = OptionalScalar(document, "id"),
            Name = OptionalScalar(document, "name"),
            Status = status,
            Level = level,
            Description = OptionalScalar(document, "description"),
            Author = OptionalScalar(document, "author"),
            Date = ParseDate(document, "date"),
            Modified = ParseDate(document, "modified"),
            Tags = StringList(document, "tags") ?? [],
            FalsePositives = StringList(document, "falsepositives") ?? [],
            References = StringList(document, "references") ?? [],
            Type = type ?? CorrelationType.EventCount,
            Rules = rules,
            GroupBy = StringList(correlation, "group-by") ?? [],
            Timespan = timespan,
            TimespanText = timespanText,
            Condition = condition,
            Aliases = ParseAliases(correlation),
            Generate = ParseGenerate(correlation),
        };
    }

    private CorrelationType? ParseType(YamlMappingNode correlation)
    {
        var text = OptionalScalar(correlation, "type");
        CorrelationType? type = text switch
        {
            "event_count" => CorrelationType.EventCount,
            "value_count" => CorrelationType.ValueCount,
            "temporal" => CorrelationType.Temporal,
            "temporal_ordered" => CorrelationType.TemporalOrdered,
            "value_sum" => CorrelationType.ValueSum,
            "value_avg" => CorrelationType.ValueAvg,
            "value_percentile" => CorrelationType.ValuePercentile,
            "value_median" => CorrelationType.ValueMedian,
            _ => null,
        };
        if (type is null)
            Error(Get(correlation, "type") ?? correlation, text is null
                ? "missing correlation 'type'"
                : $"'{text}' is not a correlation type (event_count, value_count, temporal, temporal_ordered, value_sum, value_avg, value_percentile, value_median)");
        return type;
    }

    private (TimeSpan, string) ParseTimespan(YamlMappingNode correlation)
    {
        var node = Get(correlation, "timespan");
        var text = OptionalScalar(correlation, "timespan");
        if (text is null)
        {
            if (node is null) Error(correlation, "missing 'timespan' (e.g. 15m)");
            return (TimeSpan.Zero, "");
        }
        if (CorrelationTimespan.TryParse(text, out var span, out var problem)) return (span, text);
        Error(node!, problem);
        return (TimeSpan.Zero, text);
    }

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

    private IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ParseAliases(YamlMappingNode correlation)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        var node = Get(correlation, "aliases");
        if (node is null) return result;
        if (node is not YamlMappingNode map)
        {
            Error(node, "'aliases' must map each alias to {rule name: field}");
            return result;
        }
        foreach (var (aliasNode, mappingNode) in map.Children)
        {
            var alias = (aliasNode as YamlScalarNode)?.Value;
            if (string.IsNullOrEmpty(alias)) { Error(aliasNode, "an alias name must be a non-empty string"); continue; }
            if (mappingNode is not YamlMappingNode ruleFields)
            {
                Error(mappingNode, $"alias '{alias}' must map rule names to field names");
                continue;
            }
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var (ruleNode, fieldNode) in ruleFields.Children)
            {
                var rule = (ruleNode as YamlScalarNode)?.Value;
                var field = (fieldNode as YamlScalarNode)?.Value;
                if (string.IsNullOrEmpty(rule) || string.IsNullOrEmpty(field))
                    Error(ruleNode, $"alias '{alias}' entries must be 'rule name: field name'");
                else fields[rule] = field;
            }
            result[alias] = fields;
        }
        return result;
    }

    private bool ParseGenerate(YamlMappingNode correlation)
    {
        var node = Get(correlation, "generate");
        if (node is null) return false;
        // YAML 1.1 booleans, as PyYAML (and so pySigma) reads them.
        switch ((node as YamlScalarNode)?.Value?.ToLowerInvariant())
        {
            case "true" or "yes" or "on": return true;
            case "false" or "no" or "off": return false;
            default:
                Error(node, $"'generate' must be true or false, not '{Describe(node)}'");
                return false;
        }
    }

    private DateOnly? ParseDate(YamlMappingNode document, string key)
    {
        var text = OptionalScalar(document, key);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        Error(Get(document, key)!, $"'{key}' must be a date as YYYY-MM-DD, not '{text}'");
        return null;
    }

    private static bool TryNumber(YamlNode node, out double value)
    {
        value = 0;
        return node is YamlScalarNode { Value: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static YamlNode? Get(YamlMappingNode map, string key)
    {
        foreach (var (k, v) in map.Children)
            if (k is YamlScalarNode { Value: { } name } && name == key) return v;
        return null;
    }

    /// <summary>The value of a scalar key, or null when absent; reports a non-scalar value.</summary>
    private string? OptionalScalar(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        if (node is null) return null;
        if (node is YamlScalarNode scalar) return string.IsNullOrEmpty(scalar.Value) ? null : scalar.Value;
        Error(node, $"'{key}' must be a single value, not a {node.NodeType.ToString().ToLowerInvariant()}");
        return null;
    }

    /// <summary>A key holding one string or a list of strings; null when absent.</summary>
    private IReadOnlyList<string>? StringList(YamlMappingNode map, string key)
    {
        var node = Get(map, key);
        return node is null ? null : StringListOf(node, key);
    }

    private IReadOnlyList<string>? StringListOf(YamlNode node, string key)
    {
        if (node is YamlScalarNode scalar)
            return string.IsNullOrEmpty(scalar.Value) ? [] : [scalar.Value];
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"'{key}' must be a string or a list of strings");
            return null;
        }
        var list = new List<string>(sequence.Children.Count);
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: { Length: > 0 } text }) list.Add(text);
            else Error(item, $"every entry of '{key}' must be a non-empty string");
        }
        return list;
    }

    private static string Describe(YamlNode node) => node is YamlScalarNode s ? s.Value ?? "" : node.NodeType.ToString().ToLowerInvariant();

    private static string TypeName(CorrelationType type) => type switch
    {
        CorrelationType.EventCount => "event_count",
        CorrelationType.ValueCount => "value_count",
        CorrelationType.Temporal => "temporal",
        CorrelationType.TemporalOrdered => "temporal_ordered",
        CorrelationType.ValueSum => "value_sum",
        CorrelationType.ValueAvg => "value_avg",
        CorrelationType.ValuePercentile => "value_percentile",
        _ => "value_median",
    };

    private void Error(YamlNode node, string message) =>
        Errors.Add($"{file}:{node.Start.Line}:{node.Start.Column}: {message}");
}
