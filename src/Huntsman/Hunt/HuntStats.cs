namespace Huntsman.Hunt;

/// <summary>Counters for the terminal summary and the JSON summary block.</summary>
public sealed class HuntStats
{
    public long EventsScanned { get; set; }
    public long EventsInWindow { get; set; }
    public int RulesLoaded { get; set; }
    public int RulesSelected { get; set; }
    public int RulesSkipped { get; set; }
    public int RulesWithoutTelemetry { get; set; }
    public int CorrelationRules { get; set; }
    public int FilterRules { get; set; }
    public long RegexTimeouts { get; set; }
    public int SuppressedBaseDetections { get; set; }
}
