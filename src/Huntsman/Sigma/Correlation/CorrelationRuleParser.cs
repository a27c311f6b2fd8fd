using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// Reads one correlation YAML document into a <see cref="CorrelationRule"/>, collecting every problem
/// as <c>file:line:column: message</c> instead of stopping at the first.
/// </summary>
internal sealed partial class CorrelationRuleParser(string file)
{
    private static readonly string[] Levels = ["informational", "low", "medium", "high", "critical"];
    private static readonly string[] Statuses = ["stable", "test", "experimental", "deprecated", "unsupported"];
    private static readonly string[] CorrelationKeys = ["type", "rules", "group-by", "timespan", "condition", "aliases", "generate"];

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
