using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// Evaluates correlation rules over the detections of the rules they reference. Detections may be
/// observed in any order (many threads, many files); results depend only on the events' times.
/// </summary>
public sealed class CorrelationEngine(IReadOnlyList<CorrelationRule> rules)
{
    public IReadOnlyList<CorrelationRule> Rules { get; } = rules;

    /// <summary>Ids and names of the rules whose detections feed a correlation.</summary>
    public IReadOnlySet<string> ReferencedRules { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Records that the rule with this id (and optional name) matched the event. Thread-safe.</summary>
    public void Observe(string ruleId, string? ruleName, WinEvent e) { }

    /// <summary>Evaluates all correlations once every event has been observed.</summary>
    public IReadOnlyList<CorrelationMatch> Finish() => [];
}

/// <summary>One firing of a correlation rule: the group it fired for, its window, and the events that contributed.</summary>
public sealed record CorrelationMatch(CorrelationRule Rule, DateTime Start, DateTime End,
    IReadOnlyList<KeyValuePair<string, string>> Group, IReadOnlyList<WinEvent> Events, double? Value);
