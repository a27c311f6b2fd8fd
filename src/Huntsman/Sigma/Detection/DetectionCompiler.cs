using Huntsman.Sigma.Loading;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Compiles a <c>detection</c> block: every search identifier becomes a node (map = AND of items,
/// list of maps = OR, list of plain values = keywords), then the condition is parsed over them.
/// </summary>
internal sealed class DetectionCompiler(FieldRegistry fields, RuleLoadOptions options, SigmaRuleCounter counter,
    IReadOnlyDictionary<string, string>? fieldFallbacks)
{
    /// <param name="ignoredKey">A key that is not a search identifier (a filter's <c>rules</c>).</param>
    public ConditionNode Compile(YamlMappingNode detection, string? ignoredKey = null)
    {
        var identifiers = new Dictionary<string, ConditionNode>(StringComparer.Ordinal);
        YamlNode? condition = null;
        foreach (var (keyNode, value) in detection.Children)
        {
            var key = Yaml11.Text(keyNode);
            if (key == "condition") { condition = value; continue; }
            if (key == ignoredKey) continue;
            if (key == "timeframe") continue; // legacy aggregation window, meaningless without aggregation
            identifiers[key] = Identifier(value, key);
        }
        if (identifiers.Count == 0) throw new SigmaRuleException("bad detection", "detection has no search identifiers", detection.Start);
        var conditions = condition switch
        {
            YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => [s],
            YamlSequenceNode seq when seq.Children.Count > 0 => seq.Children.ToList(),
            _ => throw new SigmaRuleException("bad condition", "detection has no condition", (condition ?? detection).Start),
        };
        var nodes = conditions.Select(c => ConditionParser.Parse(Yaml11.Text(c), identifiers, c.Start)).ToArray();
        return nodes.Length == 1 ? nodes[0] : new OrNode(nodes);
    }

    private ConditionNode Identifier(YamlNode value, string name)
    {
        switch (value)
        {
            case YamlMappingNode map: return Map(map);
            case YamlSequenceNode seq when seq.Children.Count > 0 && seq.Children.All(c => c is YamlMappingNode):
                return Or(seq.Children.Select(c => Map((YamlMappingNode)c)).ToArray());
            case YamlSequenceNode seq when seq.Children.All(c => c is YamlScalarNode):
                return Item(null, [], seq.Children.Select(c => Yaml11.Value((YamlScalarNode)c)).ToList(), seq);
            case YamlSequenceNode seq:
                // pySigma also accepts a list mixing maps and plain keywords: OR of both kinds.
                return Or(seq.Children.Select(c => c is YamlMappingNode m ? Map(m)
                    : c is YamlScalarNode s ? Item(null, [], [Yaml11.Value(s)], s)
                    : throw new SigmaRuleException("bad detection", $"search identifier '{name}' holds a nested list", c.Start)).ToArray());
            case YamlScalarNode s when Yaml11.Value(s) is not null:
                return Item(null, [], [Yaml11.Value(s)], s);
            default:
                throw new SigmaRuleException("bad detection", $"search identifier '{name}' is empty", value.Start);
        }
    }

    private static ConditionNode Or(ConditionNode[] nodes) => nodes.Length == 1 ? nodes[0] : new OrNode(nodes);

    private ConditionNode Map(YamlMappingNode map)
    {
        if (map.Children.Count == 0) throw new SigmaRuleException("bad detection", "empty map in detection", map.Start);
        var items = new List<ConditionNode>();
        foreach (var (keyNode, value) in map.Children)
        {
            var key = Yaml11.Text(keyNode);
            var pieces = key.Split('|');
            var field = pieces[0].Trim();
            var modifiers = pieces.Skip(1).Select(m => m.Trim()).Where(m => m.Length > 0).ToList();
            List<object?> values = value switch
            {
                YamlScalarNode s => [Yaml11.Value(s)],
                YamlSequenceNode seq => seq.Children.Select(c => c is YamlScalarNode s2 ? Yaml11.Value(s2)
                    : throw new SigmaRuleException("bad detection", $"field '{key}' has a nested value", c.Start)).ToList(),
                _ => throw new SigmaRuleException("bad detection", $"field '{key}' has a map as its value", value.Start),
            };
            items.Add(Item(field.Length == 0 ? null : field, modifiers, values, keyNode));
        }
        return items.Count == 1 ? items[0] : new AndNode(items.ToArray());
    }

    private ConditionNode Item(string? field, List<string> modifiers, List<object?> values, YamlNode at)
    {
        if (values.Count == 0) values = [null]; // pySigma: an empty list is null
        if (field is null && values.Any(v => v is null))
            throw new SigmaRuleException("bad detection", "null value must be bound to a field", at.Start);
        if (field is null && modifiers.Count == 0) modifiers = ["contains"]; // keywords are substrings
        else if (field is null && !modifiers.Any(m => m is "contains" or "startswith" or "endswith" or "re" or "cidr"))
            modifiers = [.. modifiers, "contains"];
        var chain = ModifierChain.Apply(field, modifiers, values, options, at.Start);
        var groups = chain.Groups.Select(g => g.Select(v => ValueCompiler.Compile(v, fields, options, counter)).ToArray()).ToArray();
        if (field is null) return new KeywordItem(groups, chain.LinkAll, chain.Negate);
        FieldRef? fallback = fieldFallbacks is not null && fieldFallbacks.TryGetValue(field, out var alt) ? fields.Get(alt) : null;
        return new FieldItem(new FieldAccessor(fields.Get(field), fallback), groups, chain.LinkAll, chain.Negate);
    }
}
