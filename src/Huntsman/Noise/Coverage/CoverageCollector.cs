using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Noise.Coverage;

/// <summary>
/// Streams events (<see cref="Observe"/> on one thread, e.g. the pipeline's consume step) and builds
/// the <see cref="CoverageReport"/>. Memory grows with hosts × channels × event IDs and with record
/// gaps, never with the number of events.
/// </summary>
public sealed class CoverageCollector(CoverageOptions options)
{
    public CoverageCollector() : this(new CoverageOptions()) { }

    private readonly Dictionary<string, HostTally> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private HostTally? _lastHost;

    public long Events { get; private set; }

    public void Observe(WinEvent e)
    {
        Events++;
        var host = HostName(e);
        var tally = _lastHost is not null && _lastHost.Name.Equals(host, StringComparison.OrdinalIgnoreCase) ? _lastHost : HostFor(host);
        _lastHost = tally;
        tally.Observe(e, options);
    }

    internal static string HostName(WinEvent e) => e.Computer.Length == 0 ? "(unknown)" : e.Computer;

    private HostTally HostFor(string host)
    {
        if (!_hosts.TryGetValue(host, out var tally)) _hosts.Add(host, tally = new HostTally(host));
        return tally;
    }

    /// <summary>Builds the report; <paramref name="rules"/> adds the rule side (which rules can never fire).</summary>
    public CoverageReport Finish(RuleBlindness? rules = null)
    {
        var hosts = _hosts.Values.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Name, StringComparer.Ordinal)
            .Select(h => h.Summarise()).ToList();
        var missingEverywhere = TelemetryCatalog.All.Where(s => hosts.All(h => h.Missing.Contains(s))).ToList();
        var report = new CoverageReport { Events = Events, Hosts = hosts, MissingEverywhere = missingEverywhere };
        return rules is null ? report : rules.AddTo(report);
    }

    private sealed class HostTally(string name)
    {
        public readonly string Name = name;
        public readonly Dictionary<(string Channel, int EventId), EventTally> EventIds = new(ChannelEventComparer.Instance);
        private readonly Dictionary<string, RecordSequence> _channels = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<LogCleared> _clears = new();
        private long _events;
        private DateTime _first = DateTime.MaxValue, _last = DateTime.MinValue;

        public void Observe(WinEvent e, CoverageOptions options)
        {
            _events++;
            var t = e.TimeCreated;
            if (t < _first) _first = t;
            if (t > _last) _last = t;
            if (!EventIds.TryGetValue((e.Channel, e.EventId), out var ids))
                EventIds.Add((e.Channel, e.EventId), ids = new EventTally { First = t, Last = t });
            ids.Count++;
            if (t < ids.First) ids.First = t;
            if (t > ids.Last) ids.Last = t;
            if (!_channels.TryGetValue(e.Channel, out var sequence)) _channels.Add(e.Channel, sequence = new RecordSequence(options));
            sequence.Add(e.RecordId, t);
            if (IsLogCleared(e)) _clears.Add(Cleared(e));
        }

        private LogCleared Cleared(WinEvent e)
        {
            var clearedLog = e.EventId == 1102 ? Channels.Security : e.GetPayload("Channel") ?? e.Channel;
            var user = e.GetPayload("SubjectUserName");
            var domain = e.GetPayload("SubjectDomainName");
            if (user is not null && !string.IsNullOrEmpty(domain)) user = $"{domain}\\{user}";
            return new LogCleared(Name, e.Channel, e.EventId, e.TimeCreated, e.RecordId, clearedLog, user, e.Origin.File);
        }

        public HostCoverage Summarise()
        {
            var ids = EventIds.Select(kv => new EventIdCoverage(kv.Key.Channel, kv.Key.EventId, kv.Value.Count, kv.Value.First, kv.Value.Last))
                .OrderBy(c => c.Channel, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.EventId).ToList();
            var channels = _channels.OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase).Select(kv => kv.Value.Summarise(kv.Key)).ToList();
            var clears = _clears.OrderBy(c => c.Time).ThenBy(c => c.RecordId).ToList();
            var present = new List<TelemetrySource>();
            var missing = new List<TelemetrySource>();
            foreach (var source in TelemetryCatalog.All)
                (EventIds.Keys.Any(k => source.IsFedBy(k.Channel, k.EventId)) ? present : missing).Add(source);
            return new HostCoverage(Name, _events, _events > 0 ? _first : default, _events > 0 ? _last : default,
                ids, channels, clears, present, missing);
        }
    }

    /// <summary>Security 1102 or System 104 from the Eventlog provider (some readers leave the provider empty).</summary>
    internal static bool IsLogCleared(WinEvent e) =>
        ((e.EventId == 1102 && Channels.IsSecurity(e)) || (e.EventId == 104 && Channels.IsSystem(e)))
        && (e.Provider.Length == 0 || e.Provider.Contains("Eventlog", StringComparison.OrdinalIgnoreCase));

    private sealed class EventTally
    {
        public long Count;
        public DateTime First, Last;
    }

    private sealed class ChannelEventComparer : IEqualityComparer<(string Channel, int EventId)>
    {
        public static readonly ChannelEventComparer Instance = new();
        public bool Equals((string Channel, int EventId) x, (string Channel, int EventId) y) =>
            x.EventId == y.EventId && x.Channel.Equals(y.Channel, StringComparison.OrdinalIgnoreCase);
        public int GetHashCode((string Channel, int EventId) k) =>
            HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(k.Channel), k.EventId);
    }
}
