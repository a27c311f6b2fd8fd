using System.Text.RegularExpressions;
using Huntsman.Sigma.Detection;
using Huntsman.Sigma.Matching;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Loading;

/// <summary>Builds a <see cref="SigmaRule"/> or <see cref="SigmaFilter"/> from one YAML document.</summary>
internal static partial class RuleParser
{
    public static SigmaRule ParseRule(YamlMappingNode doc, string file, FieldRegistry fields, RuleLoadOptions options)
    {
        var title = Yaml11.OptionalText(doc, "title") ?? throw new SigmaRuleException("missing title", "rule has no title", doc.Start);
        var logSource = ParseLogSource(doc);
        var detection = Yaml11.Child(doc, "detection") as YamlMappingNode
                        ?? throw new SigmaRuleException("missing detection", "rule has no detection map", doc.Start);
        var targets = LogsourceTaxonomy.Resolve(logSource);
        var fallbacks = MergeFallbacks(targets);
        var counter = new SigmaRuleCounter();
        var condition = new DetectionCompiler(fields, options, counter, fallbacks).Compile(detection);
        var used = new List<FieldRef>();
        condition.CollectFields(used);
        var tags = Yaml11.TextList(Yaml11.Child(doc, "tags")).Select(t => t.Trim()).ToList();
        var rule = new SigmaRule
        {
            Title = title,
            Id = Yaml11.OptionalText(doc, "id"),
            Name = Yaml11.OptionalText(doc, "name"),
            Status = Yaml11.OptionalText(doc, "status") ?? "",
            Level = ParseLevel(doc),
            Tags = tags,
            Techniques = tags.Select(t => TechniqueTag().Match(t)).Where(m => m.Success).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().ToList(),
            LogSource = logSource,
            Description = Yaml11.OptionalText(doc, "description") ?? "",
            Author = Yaml11.OptionalText(doc, "author") ?? "",
            Date = Yaml11.OptionalText(doc, "date"),
            FalsePositives = Yaml11.TextList(Yaml11.Child(doc, "falsepositives")),
            File = file,
            Line = (int)doc.Start.Line,
            Condition = condition,
            Targets = targets,
            DetectionFields = used.Select(f => f.Name).ToList(),
        };
        counter.Rule = rule;
        return rule;
    }

    public static SigmaFilter ParseFilter(YamlMappingNode doc, string file, FieldRegistry fields, RuleLoadOptions options)
    {
        var title = Yaml11.OptionalText(doc, "title") ?? throw new SigmaRuleException("missing title", "filter has no title", doc.Start);
        if (Yaml11.Child(doc, "logsource") is not YamlMappingNode)
            throw new SigmaRuleException("missing logsource", "filter has no logsource", doc.Start);
        var logSource = ParseLogSource(doc);
        var filter = Yaml11.Child(doc, "filter") as YamlMappingNode
                     ?? throw new SigmaRuleException("bad filter", "filter is not a map", doc.Start);
        var rulesNode = Yaml11.Child(filter, "rules") ?? throw new SigmaRuleException("bad filter", "filter has no 'rules' list", filter.Start);
        var refs = Yaml11.TextList(rulesNode);
        bool all = refs.Count == 0 || (refs.Count == 1 && refs[0].Equals("any", StringComparison.OrdinalIgnoreCase));
        if (Yaml11.Child(filter, "condition") is YamlSequenceNode)
            throw new SigmaRuleException("bad filter", "filter condition must be a single string", filter.Start);
        var condition = new DetectionCompiler(fields, options, new SigmaRuleCounter(), null).Compile(filter, ignoredKey: "rules");
        return new SigmaFilter
        {
            Title = title,
            Id = Yaml11.OptionalText(doc, "id"),
            LogSource = logSource,
            RuleRefs = all ? null : new HashSet<string>(refs, StringComparer.OrdinalIgnoreCase),
            File = file,
            Line = (int)doc.Start.Line,
            Condition = condition,
        };
    }

    private static LogSource ParseLogSource(YamlMappingNode doc)
    {
        if (Yaml11.Child(doc, "logsource") is not YamlMappingNode ls)
            throw new SigmaRuleException("missing logsource", "rule has no logsource map", doc.Start);
        static string? Part(YamlMappingNode m, string key) => Yaml11.OptionalText(m, key)?.Trim().ToLowerInvariant();
        return new LogSource(Part(ls, "product"), Part(ls, "category"), Part(ls, "service"));
    }

    private static RuleLevel ParseLevel(YamlMappingNode doc)
    {
        var text = Yaml11.OptionalText(doc, "level");
        if (text is null) return RuleLevel.Unknown;
        return Enum.TryParse<RuleLevel>(text, true, out var level) && level != RuleLevel.Unknown && !int.TryParse(text, out _)
            ? level
            : throw new SigmaRuleException("bad level", $"unknown level '{text}'", Yaml11.Child(doc, "level")!.Start);
    }

    private static IReadOnlyDictionary<string, string>? MergeFallbacks(IReadOnlyList<LogsourceTarget> targets)
    {
        Dictionary<string, string>? merged = null;
        foreach (var t in targets)
            if (t.FieldFallbacks is not null)
                foreach (var (k, v) in t.FieldFallbacks)
                    (merged ??= new(StringComparer.OrdinalIgnoreCase))[k] = v;
        return merged;
    }

    [GeneratedRegex(@"^attack\.(t\d{4}(?:\.\d{3})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TechniqueTag();
}
