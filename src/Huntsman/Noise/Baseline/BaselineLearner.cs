using Huntsman.Events;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Learns a <see cref="BehaviourBaseline"/> from a stream of known-good events (call <see cref="Observe"/>
/// from one thread). Memory is bounded: each kind tracks at most 4× the key cap while learning (later
/// new keys are counted as dropped) and at most 1,024 hosts per key; <see cref="Build"/> keeps the most
/// frequent keys up to the cap.
/// </summary>
public sealed class BaselineLearner(int maxKeysPerCategory = BehaviourBaseline.DefaultMaxKeysPerCategory,
    int maxHostsPerKey = BehaviourBaseline.DefaultMaxHostsPerKey)
{
    private const int MaxHostsTracked = 1024;

    private readonly Dictionary<BehaviourKind, Tally> _tallies = BehaviourKinds.All.ToDictionary(k => k, _ => new Tally());
    private readonly Dictionary<string, long> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<Behaviour> _scratch = new();
    private long _events;

    public void Observe(WinEvent e)
    {
        _events++;
        var host = Coverage.CoverageCollector.HostName(e);
        _hosts[host] = _hosts.GetValueOrDefault(host) + 1;
        _scratch.Clear();
        BehaviourExtractor.Extract(e, _scratch);
        foreach (var b in _scratch)
        {
            var tally = _tallies[b.Kind];
            tally.Observations++;
            if (!tally.Keys.TryGetValue(b.Key, out var key))
            {
                if (tally.Keys.Count >= maxKeysPerCategory * 4) { tally.Refused++; continue; }
                tally.Keys.Add(b.Key, key = new KeyTally());
            }
            key.Count++;
            if (key.Hosts.Count < MaxHostsTracked || key.Hosts.ContainsKey(host))
                key.Hosts[host] = key.Hosts.GetValueOrDefault(host) + 1;
        }
    }

    public BehaviourBaseline Build()
    {
        var baseline = new BehaviourBaseline(maxKeysPerCategory, maxHostsPerKey) { Events = _events };
        foreach (var (host, count) in _hosts) baseline.Hosts[host] = count;
        foreach (var (kind, tally) in _tallies)
        {
            var category = baseline[kind];
            category.Observations = tally.Observations;
            var kept = tally.Keys.OrderByDescending(k => k.Value.Count).ThenBy(k => k.Key, StringComparer.Ordinal).Take(maxKeysPerCategory).ToList();
            category.DroppedKeys = tally.Keys.Count - kept.Count + tally.Refused;
            foreach (var (key, keyTally) in kept)
            {
                var entry = new BaselineEntry { Count = keyTally.Count, HostCount = keyTally.Hosts.Count };
                foreach (var (host, n) in keyTally.Hosts.OrderByDescending(h => h.Value).ThenBy(h => h.Key, StringComparer.OrdinalIgnoreCase).Take(maxHostsPerKey))
                    entry.Hosts[host] = n;
                category.Entries[key] = entry;
            }
        }
        return baseline;
    }

    private sealed class Tally
    {
        public long Observations;
        public readonly Dictionary<string, KeyTally> Keys = new(StringComparer.Ordinal);
        /// <summary>Observations of new keys refused once the learning cap was reached (an upper bound on the keys lost).</summary>
        public long Refused;
    }

    private sealed class KeyTally
    {
        public long Count;
        public readonly Dictionary<string, long> Hosts = new(StringComparer.OrdinalIgnoreCase);
    }
}
