using Huntsman.Events;
using Huntsman.Sigma;
using Huntsman.Sigma.Correlation;

namespace Huntsman.Hunt;

/// <summary>
/// Runs the rules over evidence batches. <see cref="Match"/> runs on worker threads (one batch each);
/// <see cref="Consume"/> receives batches in input order on one thread and feeds the stateful parts
/// (correlations, observers such as lineage and lateral movement); <see cref="Finish"/> sorts the
/// detections into their deterministic order.
/// </summary>
public sealed class HuntEngine
{
    private readonly HuntOptions _options;
    private readonly RuleMatcher _matcher;
    private readonly CorrelationEngine _correlations;
    private readonly HashSet<SigmaRule> _feedsCorrelation = new();
    private readonly HashSet<SigmaRule> _silent = new();
    private readonly List<Detection> _detections = new();
    private readonly List<Action<WinEvent>> _observers = new();

    public HuntEngine(RuleSet rules, HuntOptions options)
    {
        _options = options;
        Rules = rules;
        _matcher = new RuleMatcher(rules, options.RuleFilter);
        _correlations = new CorrelationEngine(rules.Correlations);
        foreach (var rule in _matcher.Rules)
        {
            if (!Referenced(rule)) continue;
            _feedsCorrelation.Add(rule);
            if (_correlations.SuppressesOutputOf(rule.Id ?? rule.Name ?? rule.Title, rule.Name)) _silent.Add(rule);
        }
        Stats.RulesLoaded = rules.Rules.Count;
        Stats.RulesSelected = _matcher.Rules.Count;
        Stats.RulesSkipped = rules.Skipped.Count();
        Stats.RulesWithoutTelemetry = _matcher.Rules.Count(r => !r.HasTelemetry);
        Stats.CorrelationRules = rules.Correlations.Count;
        Stats.FilterRules = rules.Filters.Count;
    }

    public RuleSet Rules { get; }
    public HuntStats Stats { get; } = new();
    public IReadOnlyList<SigmaRule> SelectedRules => _matcher.Rules;

    /// <summary>Stateful analyses that see every event in input order (lineage, lateral movement, …).</summary>
    public void AddObserver(Action<WinEvent> observe) => _observers.Add(observe);

    private bool Referenced(SigmaRule rule) =>
        (rule.Id is not null && _correlations.ReferencedRules.Contains(rule.Id)) ||
        (rule.Name is not null && _correlations.ReferencedRules.Contains(rule.Name));

    /// <summary>Worker side: the rule hits of one batch, events outside the time window left out.</summary>
    public BatchHits Match(EventBatch batch)
    {
        var hits = new List<RuleHit>();
        int inWindow = 0;
        foreach (var e in batch.Events)
        {
            if (_options.From is { } from && e.TimeCreated < from) continue;
            if (_options.To is { } to && e.TimeCreated > to) continue;
            inWindow++;
            _matcher.Match(e, hits);
        }
        return new BatchHits(batch, hits, inWindow);
    }

    /// <summary>Ordered side: feeds observers and correlations, keeps detections.</summary>
    public void Consume(BatchHits result)
    {
        Stats.EventsScanned += result.Batch.Events.Count;
        Stats.EventsInWindow += result.InWindow;
        foreach (var observer in _observers)
            foreach (var e in result.Batch.Events)
                observer(e);
        foreach (var hit in result.Hits)
        {
            if (_feedsCorrelation.Contains(hit.Rule)) _correlations.Observe(hit.Rule.Id ?? hit.Rule.Name ?? hit.Rule.Title, hit.Rule.Name, hit.Event);
            if (_silent.Contains(hit.Rule)) { Stats.SuppressedBaseDetections++; continue; }
            _detections.Add(ToDetection(hit));
        }
    }

    /// <summary>Evaluates correlations and returns every detection in deterministic order.</summary>
    public List<Detection> Finish()
    {
        foreach (var m in _correlations.Finish()) _detections.Add(ToDetection(m));
        Stats.RegexTimeouts = _matcher.Rules.Sum(r => r.RegexTimeouts);
        _detections.Sort(Detection.Compare);
        return _detections;
    }

    private static Detection ToDetection(RuleHit hit)
    {
        var e = hit.Event;
        var rule = hit.Rule;
        return new Detection
        {
            Timestamp = e.TimeCreated, Computer = e.Computer, Channel = e.Channel, EventId = e.EventId, RecordId = e.RecordId,
            File = e.Origin.File, RuleId = rule.Id ?? rule.Name ?? rule.Title, RuleTitle = rule.Title,
            Level = LevelName(rule.Level), Status = rule.Status, Tags = rule.Tags, Attack = rule.Techniques,
            Fields = hit.Fields(), Event = e,
        };
    }

    private static Detection ToDetection(CorrelationMatch m)
    {
        var first = m.Events.Count > 0 ? m.Events[0] : null;
        var rule = m.Rule;
        return new Detection
        {
            Kind = "correlation", Timestamp = m.End, Computer = DistinctJoin(m.Events.Select(e => e.Computer)),
            Channel = DistinctJoin(m.Events.Select(e => e.Channel)), EventId = first?.EventId ?? 0, RecordId = first?.RecordId ?? 0,
            File = first?.Origin.File ?? rule.File, RuleId = rule.Id ?? rule.Name ?? rule.Title, RuleTitle = rule.Title,
            Level = rule.Level ?? "informational", Status = rule.Status ?? "", Tags = rule.Tags, Attack = Attack.AttackTag.TechniqueIds(rule.Tags),
            Group = m.Group.Select(g => new EventField(g.Key, g.Value)).ToList(),
            Fields = m.Value is { } v ? [new EventField("value", v.ToString(System.Globalization.CultureInfo.InvariantCulture))] : [],
            Contributing = m.Events.Select(EventRef.From).ToList(),
        };
    }

    private static string DistinctJoin(IEnumerable<string> values) => string.Join(",", values.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));

    public static string LevelName(RuleLevel level) => level == RuleLevel.Unknown ? "informational" : level.ToString().ToLowerInvariant();
}

/// <summary>The hits of one batch, produced on a worker thread.</summary>
public sealed record BatchHits(EventBatch Batch, List<RuleHit> Hits, int InWindow);
