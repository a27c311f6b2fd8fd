using Huntsman.Sigma.Correlation;

namespace Huntsman.Sigma;

/// <summary>Everything a load produced: detection, correlation and filter rules, and a status per document.</summary>
public sealed class RuleSet
{
    public List<SigmaRule> Rules { get; } = new();
    public List<CorrelationRule> Correlations { get; } = new();
    public List<SigmaFilter> Filters { get; } = new();
    public List<RuleFileStatus> Statuses { get; } = new();

    /// <summary>Field names used by the loaded rules (one per-event cache slot each).</summary>
    internal Detection.FieldRegistry Fields { get; }

    public RuleSet() : this(new Detection.FieldRegistry()) { }

    /// <summary>A set sharing another's field registry (one file's part of a parallel load).</summary>
    internal RuleSet(Detection.FieldRegistry fields) => Fields = fields;

    internal void Append(RuleSet part)
    {
        Rules.AddRange(part.Rules);
        Correlations.AddRange(part.Correlations);
        Filters.AddRange(part.Filters);
        Statuses.AddRange(part.Statuses);
    }

    public IEnumerable<RuleFileStatus> Skipped => Statuses.Where(s => s.State == RuleLoadState.Skipped);
}
