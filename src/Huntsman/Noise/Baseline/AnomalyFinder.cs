using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Streams events against a baseline and reports behaviour it never saw, or saw only rarely and never
/// on this host. Call <see cref="Observe"/> from one thread (hunt's consume step), then <see cref="Finish"/>.
/// A new command-line shape is only reported when its parent/child pair was known, so one new
/// behaviour yields one finding.
/// </summary>
public sealed class AnomalyFinder(BehaviourBaseline baseline, AnomalyOptions options)
{
    public AnomalyFinder(BehaviourBaseline baseline) : this(baseline, new AnomalyOptions()) { }

    private readonly Dictionary<(string Host, BehaviourKind Kind, string Key), Anomaly> _found = new();
    private readonly List<Behaviour> _scratch = new();

    /// <summary>Anomalies not kept because <see cref="AnomalyOptions.MaxAnomalies"/> was reached (occurrences).</summary>
    public long Overflow { get; private set; }
    public long EventsSeen { get; private set; }

    public void Observe(WinEvent e)
    {
        EventsSeen++;
        _scratch.Clear();
        BehaviourExtractor.Extract(e, _scratch);
        bool pairReported = false;
        foreach (var b in _scratch)
        {
            if (b.Kind == BehaviourKind.CommandShape && pairReported) continue;
            var host = Coverage.CoverageCollector.HostName(e);
            if (_found.TryGetValue((host, b.Kind, b.Key), out var known))
            {
                known.Occurrences++;
                if (e.TimeCreated > known.Last) known.Last = e.TimeCreated;
                pairReported |= b.Kind == BehaviourKind.ProcessPair;
                continue;
            }
            var anomaly = Judge(e, host, b);
            if (anomaly is null) continue;
            pairReported |= b.Kind == BehaviourKind.ProcessPair;
            if (_found.Count >= options.MaxAnomalies) { Overflow++; continue; }
            _found.Add((host, b.Kind, b.Key), anomaly);
        }
    }

    /// <summary>All anomalies, by first time, then host, then record.</summary>
    public IReadOnlyList<Anomaly> Finish() =>
        _found.Values.OrderBy(a => a.First).ThenBy(a => a.Host, StringComparer.OrdinalIgnoreCase)
            .ThenBy(a => a.Event.File, StringComparer.Ordinal).ThenBy(a => a.Event.RecordId).ThenBy(a => a.Category).ThenBy(a => a.Key, StringComparer.Ordinal)
            .ToList();

    private Anomaly? Judge(WinEvent e, string host, Behaviour b)
    {
        var category = baseline[b.Kind];
        var unit = BehaviourKinds.Unit(b.Kind);
        var entry = category.Entries.GetValueOrDefault(b.Key);
        string explanation;
        bool never = entry is null;
        if (entry is null)
            explanation = $"first time {b.Description} on any host; seen 0 times in {category.Observations:N0} {unit}";
        else if (!entry.SeenOn(host) && entry.HostCount <= options.RareMaxHosts && baseline.Hosts.Count >= options.RareMinBaselineHosts)
            explanation = $"rare: {b.Description} was seen {entry.Count:N0} times in {category.Observations:N0} {unit}, " +
                          $"on {entry.HostCount} of {baseline.Hosts.Count} hosts, never on {host}";
        else return null;
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = host,
            ["category"] = BehaviourKinds.JsonName(b.Kind),
            ["key"] = b.Key,
        };
        foreach (var f in e.Fields) fields.TryAdd(f.Name, f.Value);
        return new Anomaly
        {
            Host = host, Category = b.Kind, Key = b.Key, Description = b.Description, NeverSeen = never,
            Score = Score(b.Kind, never), Explanation = explanation,
            First = e.TimeCreated, Last = e.TimeCreated, Occurrences = 1, Event = EventRef.From(e), Fields = fields,
        };
    }

    /// <summary>
    /// How much a new behaviour of this kind says: a new parent/child pair or service is a strong
    /// signal, a new command-line shape a weak one; rare-elsewhere scores half of never-seen.
    /// </summary>
    internal static int Score(BehaviourKind kind, bool never)
    {
        int weight = kind switch
        {
            BehaviourKind.ProcessPair => 80,
            BehaviourKind.Service => 75,
            BehaviourKind.Pipe => 70,
            BehaviourKind.Logon => 60,
            BehaviourKind.Network => 50,
            _ => 40,
        };
        return never ? weight : weight / 2;
    }
}
