using YamlDotNet.Core;

namespace Huntsman.Sigma.Detection;

/// <summary>A rule cannot be loaded; carries the YAML position (1-based) the problem was found at.</summary>
internal sealed class SigmaRuleException(string category, string message, Mark? at = null) : Exception(message)
{
    /// <summary>Short, location-free reason used for totals ("unknown modifier", "bad condition", …).</summary>
    public string Category { get; } = category;
    public int Line { get; } = at is { } m ? (int)m.Line : 0;
    public int Column { get; } = at is { } m ? (int)m.Column : 0;
}
