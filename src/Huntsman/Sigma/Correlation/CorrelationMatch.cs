using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// One firing of a correlation rule: the group it fired for, its window (first and last contributing
/// event), the events that contributed (time order) and the computed value (count, distinct values,
/// matched rules, sum, average or percentile).
/// </summary>
public sealed record CorrelationMatch(CorrelationRule Rule, DateTime Start, DateTime End,
    IReadOnlyList<KeyValuePair<string, string>> Group, IReadOnlyList<WinEvent> Events, double? Value)
{
    /// <summary>Matches of referenced correlations that fed this one (chained correlations); empty otherwise.</summary>
    public IReadOnlyList<CorrelationMatch> InnerMatches { get; init; } = [];

    /// <summary>The group value of a group-by field (or alias), or null.</summary>
    public string? GroupValue(string field)
    {
        foreach (var pair in Group)
            if (string.Equals(pair.Key, field, StringComparison.OrdinalIgnoreCase)) return pair.Value;
        return null;
    }
}
