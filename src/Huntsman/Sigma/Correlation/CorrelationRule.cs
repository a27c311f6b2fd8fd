using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Correlation;

/// <summary>A Sigma correlation (meta) rule: event_count, value_count, temporal, … (spec 2.1).</summary>
public sealed class CorrelationRule
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string Title { get; init; } = "";
    public string File { get; init; } = "";
    /// <summary>1-based line and column of the YAML document in <see cref="File"/>.</summary>
    public int Line { get; init; }
    public int Column { get; init; }

    public string? Status { get; init; }
    public string? Level { get; init; }
    public string? Description { get; init; }
    public string? Author { get; init; }
    public DateOnly? Date { get; init; }
    public DateOnly? Modified { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public IReadOnlyList<string> FalsePositives { get; init; } = [];
    public IReadOnlyList<string> References { get; init; } = [];

    public CorrelationType Type { get; init; }
    /// <summary>Ids or names of the Sigma rules (or correlations) whose detections feed this one, in YAML order.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];
    /// <summary>Fields (or aliases) whose values separate groups; empty means one group for everything.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = [];
    public TimeSpan Timespan { get; init; }
    /// <summary>The timespan as written, e.g. <c>15m</c>.</summary>
    public string TimespanText { get; init; } = "";
    public CorrelationCondition Condition { get; init; } = new();
    /// <summary>alias → (rule name or id → field name in that rule's events).</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Aliases { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    /// <summary>When false (the default) the referenced rules' own detections are not output.</summary>
    public bool Generate { get; init; }

    /// <summary>Where the rule was defined, as <c>file:line:column</c>.</summary>
    public string Location => $"{File}:{Line}:{Column}";

    public override string ToString() => $"{Title} ({Id ?? Name ?? Location})";

    /// <summary>
    /// Parses one YAML document that has a top-level <c>correlation</c> key. Returns false with a
    /// reason (naming line:column where possible) when the document is not a valid correlation rule.
    /// Every problem found is reported, one per line.
    /// </summary>
    public static bool TryParse(YamlMappingNode document, string file, out CorrelationRule? rule, out string? error)
    {
        var parser = new CorrelationRuleParser(file);
        rule = parser.Parse(document);
        if (parser.Errors.Count == 0) { error = null; return true; }
        rule = null;
        error = string.Join("\n", parser.Errors);
        return false;
    }
}
