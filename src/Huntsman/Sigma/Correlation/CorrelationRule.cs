using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Correlation;

/// <summary>A Sigma correlation (meta) rule: event_count, value_count, temporal, … (spec 2.1).</summary>
public sealed class CorrelationRule
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string Title { get; init; } = "";
    public string File { get; init; } = "";

    /// <summary>
    /// Parses one YAML document that has a top-level <c>correlation</c> key. Returns false with a
    /// reason (naming line:column where possible) when the document is not a valid correlation rule.
    /// </summary>
    public static bool TryParse(YamlMappingNode document, string file, out CorrelationRule? rule, out string? error)
    {
        rule = null;
        error = "correlation rules are not supported yet";
        return false;
    }
}
