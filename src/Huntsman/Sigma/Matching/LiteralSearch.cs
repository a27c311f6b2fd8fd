using System.Buffers;
using Huntsman.Events;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// All prefilter literals of one bucket for one field (or for every payload field, for keywords).
/// Candidate positions come from a bitset of the literals' first two upper-cased chars (one table
/// probe per char), or, for long values and few literals, from a vectorised SearchValues scan; the
/// literals sharing the first 1–3 upper-cased chars are verified there and mark their rules.
/// SearchValues alone is slow here: most field values are short (its short-input fallback costs
/// far more per char) and big literal sets hit at nearly every position of a command line.
/// </summary>
internal sealed class LiteralSearch
{
    private const int VectorMinLength = 256; // values at least this long use SearchValues when the set is small
    private const int VectorMaxLiterals = 64;

    private readonly FieldAccessor? _field;
    private readonly string[]? _vectorLiterals; // set when few enough for SearchValues
    private SearchValues<string>? _values; // built on first long value: many buckets never see one
    private readonly Dictionary<ulong, (string Text, int[] Entries)[]> _byPrefix;
    private readonly bool[] _prefixLengths = new bool[4];
    private readonly ulong[] _pairs = new ulong[PairBits / 64];
    private readonly ulong[] _singles; // empty unless there are one-char literals (rare)
    private readonly bool _hasSingles;

    private const int PairBits = 1 << 16;

    /// <param name="field">The field searched; null searches every payload field (keywords).</param>
    public LiteralSearch(FieldAccessor? field, IEnumerable<(string Text, int Entry)> literals)
    {
        _field = field;
        var grouped = literals.GroupBy(l => l.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Text: g.Key, Entries: g.Select(x => x.Entry).Distinct().ToArray())).ToList();
        if (grouped.Count <= VectorMaxLiterals) _vectorLiterals = grouped.Select(g => g.Text).ToArray();
        _byPrefix = grouped.GroupBy(g => PrefixKey(g.Text, Math.Min(3, g.Text.Length))).ToDictionary(g => g.Key, g => g.ToArray());
        _hasSingles = grouped.Exists(g => g.Text.Length == 1);
        _singles = _hasSingles ? new ulong[PairBits / 64] : [];
        foreach (var g in grouped)
        {
            _prefixLengths[Math.Min(3, g.Text.Length)] = true;
            if (g.Text.Length == 1) Set(_singles, Fold(g.Text[0]));
            else Set(_pairs, Pair(Fold(g.Text[0]), Fold(g.Text[1])));
        }
    }

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << i;
    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << i)) != 0;

    /// <summary>
    /// Case fold for the bitsets: chars equal ignoring case (same ToUpperInvariant) fold alike; ASCII
    /// just sets bit 5, which also merges a few punctuation pairs (harmless extra candidates).
    /// </summary>
    private static int Fold(char c)
    {
        if (c < 128) return c | 0x20;
        char u = char.ToUpperInvariant(c);
        return u < 128 ? u | 0x20 : u;
    }

    private static int Pair(int foldedA, int foldedB) => ((foldedA << 7) ^ foldedB) & (PairBits - 1);

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
            if (_field.TryChars(scope, out var value)) Scan(value, marks, generation);
            return;
        }
        foreach (var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scope.Event.Fields)) Scan(f.Chars, marks, generation);
    }

    private void Scan(ReadOnlySpan<char> span, int[] marks, int generation)
    {
        if (_vectorLiterals is not null && span.Length >= VectorMinLength)
        {
            ScanVector(span, marks, generation);
            return;
        }
        if (span.Length == 0) return;
        var pairs = _pairs;
        bool singles = _hasSingles;
        int prev = Fold(span[0]);
        for (int i = 1; i < span.Length; i++)
        {
            int cur = Fold(span[i]);
            int key = Pair(prev, cur);
            // A literal may start at i - 1: its first two chars, or a one-char literal.
            if ((pairs[key >> 6] & (1UL << key)) != 0 || (singles && Has(_singles, prev))) Verify(span[(i - 1)..], marks, generation);
            prev = cur;
        }
        if (singles && Has(_singles, prev)) Verify(span[^1..], marks, generation);
    }

    private void ScanVector(ReadOnlySpan<char> value, int[] marks, int generation)
    {
        int pos = 0;
        while (pos < value.Length)
        {
            int found = value[pos..].IndexOfAny(_values ?? BuildValues());
            if (found < 0) return;
            int at = pos + found;
            Verify(value[at..], marks, generation);
            pos = at + 1;
        }
    }

    private SearchValues<string> BuildValues()
    {
        var values = SearchValues.Create(_vectorLiterals!, StringComparison.OrdinalIgnoreCase);
        return Interlocked.CompareExchange(ref _values, values, null) ?? values;
    }

    private void Verify(ReadOnlySpan<char> rest, int[] marks, int generation)
    {
        for (int k = 1; k <= 3 && k <= rest.Length; k++)
        {
            if (!_prefixLengths[k] || !_byPrefix.TryGetValue(PrefixKey(rest, k), out var candidates)) continue;
            foreach (var (text, entries) in candidates)
                if (rest.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                    foreach (var e in entries) marks[e] = generation;
        }
    }
}
