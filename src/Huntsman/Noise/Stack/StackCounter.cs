using Huntsman.Events;

namespace Huntsman.Noise.Stack;

/// <summary>
/// Stack counting, the classic hunting view: counts each distinct tuple of the chosen fields and the
/// hosts it appears on, least frequent first. Tuples compare case-insensitively (paths vary in case);
/// a row shows the first spelling seen. Events missing any of the fields are not counted.
/// Memory is bounded by <see cref="MaxTuples"/>: once reached, events with a new tuple are counted in
/// <see cref="EventsOverflowed"/> instead.
/// </summary>
public sealed class StackCounter
{
    public const int DefaultMaxTuples = 1_000_000;
    private const char Separator = '\u001f';

    private readonly string[] _fields;
    private readonly StackFilter[] _filters;
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _hostIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _hostNames = new();
    private readonly string?[] _values;
    private readonly System.Text.StringBuilder _key = new();

    public StackCounter(IReadOnlyList<string> fields, IReadOnlyList<StackFilter>? filters = null, int maxTuples = DefaultMaxTuples)
    {
        if (fields.Count == 0) throw new ArgumentException("at least one field to stack by is needed", nameof(fields));
        _fields = fields.ToArray();
        _filters = filters?.ToArray() ?? [];
        _values = new string?[_fields.Length];
        MaxTuples = maxTuples;
    }

    public IReadOnlyList<string> Fields => _fields;
    public IReadOnlyList<StackFilter> Filters => _filters;
    public int MaxTuples { get; }
    public long EventsSeen { get; private set; }
    /// <summary>Events that passed the filters but lacked one of the stacked fields.</summary>
    public long EventsMissingField { get; private set; }
    public long EventsCounted { get; private set; }
    public long EventsOverflowed { get; private set; }
    public int DistinctTuples => _tallies.Count;

    public void Observe(WinEvent e)
    {
        EventsSeen++;
        foreach (var f in _filters)
            if (!f.Accepts(e)) return;
        for (int i = 0; i < _fields.Length; i++)
        {
            var v = e.Get(_fields[i]);
            if (v is null) { EventsMissingField++; return; }
            _values[i] = v;
        }
        _key.Clear();
        for (int i = 0; i < _values.Length; i++)
        {
            if (i > 0) _key.Append(Separator);
            _key.Append(_values[i]);
        }
        var key = _key.ToString();
        if (!_tallies.TryGetValue(key, out var tally))
        {
            if (_tallies.Count >= MaxTuples) { EventsOverflowed++; return; }
            tally = new Tally((string[])_values.Clone()!);
            _tallies.Add(key, tally);
        }
        tally.Count++;
        tally.Hosts.Add(HostId(e.Computer));
        EventsCounted++;
    }

    /// <summary>Rows least frequent first; ties by fewer hosts, then by the values (ordinal, case-insensitive).</summary>
    public IReadOnlyList<StackRow> Rows(int limit = int.MaxValue)
    {
        var rows = new List<StackRow>(_tallies.Count);
        foreach (var t in _tallies.Values)
        {
            var hosts = new string[t.Hosts.Count];
            int i = 0;
            foreach (var id in t.Hosts) hosts[i++] = _hostNames[id];
            Array.Sort(hosts, StringComparer.OrdinalIgnoreCase);
            rows.Add(new StackRow(t.Values, t.Count, hosts));
        }
        rows.Sort(Compare);
        return limit < rows.Count ? rows.GetRange(0, Math.Max(0, limit)) : rows;
    }

    private static int Compare(StackRow a, StackRow b)
    {
        int c = a.Count.CompareTo(b.Count);
        if (c == 0) c = a.HostCount.CompareTo(b.HostCount);
        for (int i = 0; c == 0 && i < a.Values.Count; i++)
        {
            c = StringComparer.OrdinalIgnoreCase.Compare(a.Values[i], b.Values[i]);
            if (c == 0) c = string.CompareOrdinal(a.Values[i], b.Values[i]);
        }
        return c;
    }

    private int HostId(string computer)
    {
        var host = computer.Length == 0 ? "(unknown)" : computer;
        if (!_hostIds.TryGetValue(host, out var id))
        {
            id = _hostNames.Count;
            _hostNames.Add(host);
            _hostIds.Add(host, id);
        }
        return id;
    }

    private sealed class Tally(string[] values)
    {
        public readonly string[] Values = values;
        public long Count;
        public readonly HashSet<int> Hosts = new();
    }
}
