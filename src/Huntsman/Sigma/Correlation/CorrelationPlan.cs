using System.Globalization;
using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// One correlation prepared for evaluation: resolves group-by and value fields (through aliases) when
/// a detection is observed, and buffers observations until every input is in.
/// </summary>
internal sealed class CorrelationPlan(CorrelationRule rule)
{
    private List<Observation> buffer = [];
    private readonly Lock gate = new();

    public CorrelationRule Rule { get; } = rule;
    public CorrelationStatistics Statistics { get; } = new();
    /// <summary>Correlations that reference this one, and at which slot of their rules list.</summary>
    public List<(CorrelationPlan Parent, int Slot)> Parents { get; } = [];
    /// <summary>Set when the rule cannot run (e.g. it is part of a reference cycle).</summary>
    public string? Problem { get; set; }
    /// <summary>Referenced by a correlation with generate: false, so its own matches are not output.</summary>
    public bool OutputSuppressed { get; set; }

    /// <summary>Resolves and buffers one detection; thread-safe. Returns false when it was set aside.</summary>
    public bool TryObserve(int slot, string? ruleId, string? ruleName, WinEvent anchor, CorrelationMatch? inner)
    {
        var key = LookupAll(Rule.GroupBy, ruleId, ruleName, anchor, inner);
        if (key is null) { Interlocked.Increment(ref Statistics.missingGroup); return false; }

        string? distinct = null;
        double number = 0;
        var fields = Rule.Condition.Fields;
        if (Rule.Type == CorrelationType.ValueCount)
        {
            distinct = LookupAll(fields, ruleId, ruleName, anchor, inner);
            if (distinct is null) { Interlocked.Increment(ref Statistics.ignoredValues); return false; }
        }
        else if (fields.Count == 1 && !TryParseNumber(Lookup(Resolve(fields[0], ruleId, ruleName), anchor, inner), out number))
        {
            Interlocked.Increment(ref Statistics.ignoredValues);
            return false;
        }

        var observation = new Observation(anchor.TimeCreated, anchor, slot, key, distinct, number, inner);
        lock (gate) buffer.Add(observation);
        Interlocked.Increment(ref Statistics.observed);
        return true;
    }

    /// <summary>Hands over everything observed, sorted into evaluation order (in place: no second copy).</summary>
    public List<Observation> TakeSorted()
    {
        List<Observation> all;
        lock (gate)
        {
            all = buffer;
            buffer = [];
        }
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all).Sort(ObservationOrder.Instance);
        return all;
    }

    /// <summary>The encoded values of all the fields, or null when one is absent. One field needs no allocation.</summary>
    private string? LookupAll(IReadOnlyList<string> fields, string? ruleId, string? ruleName, WinEvent anchor, CorrelationMatch? inner)
    {
        if (fields.Count == 0) return GroupKey.None;
        if (fields.Count == 1) return Lookup(Resolve(fields[0], ruleId, ruleName), anchor, inner);
        var values = new string[fields.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var value = Lookup(Resolve(fields[i], ruleId, ruleName), anchor, inner);
            if (value is null) return null;
            values[i] = value;
        }
        return GroupKey.Encode(values);
    }

    /// <summary>An alias names a different field per rule; names not listed for the rule are used as they are.</summary>
    private string Resolve(string field, string? ruleId, string? ruleName)
    {
        if (Rule.Aliases.Count == 0 || !Rule.Aliases.TryGetValue(field, out var perRule)) return field;
        if (ruleName is not null && perRule.TryGetValue(ruleName, out var byName)) return byName;
        if (ruleId is not null && perRule.TryGetValue(ruleId, out var byId)) return byId;
        return field;
    }

    /// <summary>A chained match answers from its group values first, then from its latest event that has the field.</summary>
    private static string? Lookup(string field, WinEvent anchor, CorrelationMatch? inner)
    {
        if (inner is null) return anchor.Get(field);
        var value = inner.GroupValue(field);
        for (int i = inner.Events.Count - 1; value is null && i >= 0; i--) value = inner.Events[i].Get(field);
        return value;
    }

    /// <summary>Decimal numbers (invariant culture) and Windows-style hex (0x1a4); anything else is not a number.</summary>
    internal static bool TryParseNumber(string? text, out double number)
    {
        number = 0;
        if (text is null) return false;
        var span = text.AsSpan().Trim();
        if (span.Length > 2 && span[0] == '0' && (span[1] | 0x20) == 'x')
        {
            if (!ulong.TryParse(span[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex)) return false;
            number = hex;
            return true;
        }
        return double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
    }
}
