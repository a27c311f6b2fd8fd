using System.Buffers;
using Huntsman.Events;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// All prefilter literals of one bucket for one field (or for every payload field, for keywords):
/// one vectorised multi-string scan (SearchValues, ordinal ignore-case) jumps to each occurrence, and
/// the literals sharing its first 1–3 upper-cased chars are verified there and mark their rules.
/// </summary>
internal sealed class LiteralSearch
{
    private readonly FieldAccessor? _field;
    private readonly SearchValues<string> _values;
    private readonly Dictionary<ulong, (string Text, int[] Entries)[]> _byPrefix;
    private readonly bool[] _prefixLengths = new bool[4];

    /// <param name="field">The field searched; null searches every payload field (keywords).</param>
    public LiteralSearch(FieldAccessor? field, IEnumerable<(string Text, int Entry)> literals)
    {
        _field = field;
        var grouped = literals.GroupBy(l => l.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Text: g.Key, Entries: g.Select(x => x.Entry).Distinct().ToArray())).ToList();
        _values = SearchValues.Create(grouped.Select(g => g.Text).ToArray(), StringComparison.OrdinalIgnoreCase);
        _byPrefix = grouped.GroupBy(g => PrefixKey(g.Text, Math.Min(3, g.Text.Length))).ToDictionary(g => g.Key, g => g.ToArray());
        foreach (var g in grouped) _prefixLengths[Math.Min(3, g.Text.Length)] = true;
    }

    private static ulong PrefixKey(ReadOnlySpan<char> text, int length)
    {
        ulong key = (ulong)length << 48;
        for (int i = 0; i < length; i++) key |= (ulong)char.ToUpperInvariant(text[i]) << (16 * i);
        return key;
    }

    /// <summary>Marks (marks[entry] = generation) every entry one of whose literals occurs.</summary>
    public void Mark(EventScope scope, int[] marks, int generation)
    {
        if (_field is not null)
        {
            if (_field.Value(scope) is { } value) Scan(value, marks, generation);
            return;
        }
        foreach (var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scope.Event.Fields)) Scan(f.Value, marks, generation);
    }

    private void Scan(string value, int[] marks, int generation)
    {
        int pos = 0;
        while (pos < value.Length)
        {
            int found = value.AsSpan(pos).IndexOfAny(_values);
            if (found < 0) return;
            int at = pos + found;
            var rest = value.AsSpan(at);
            for (int k = 1; k <= 3 && k <= rest.Length; k++)
            {
                if (!_prefixLengths[k] || !_byPrefix.TryGetValue(PrefixKey(rest, k), out var candidates)) continue;
                foreach (var (text, entries) in candidates)
                    if (rest.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                        foreach (var e in entries) marks[e] = generation;
            }
            pos = at + 1;
        }
    }
}
