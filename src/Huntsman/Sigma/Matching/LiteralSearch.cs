using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// All prefilter literals of one bucket for one field (or for every payload field, for keywords).
/// Candidate positions come from a bitset over a hash of the next three case-folded chars (literals of one
/// or two chars have their own exact bitsets), or, for long values and few literals, from a vectorised
/// SearchValues scan; a candidate is looked up once in a table keyed by its folded prefix, and the
/// literals there are verified and mark their rules. SearchValues alone is slow here: most field values
/// are short (its short-input fallback costs far more per char) and big literal sets hit at nearly every
/// position of a command line. A two-char bitset was too coarse for the big process_creation buckets:
/// nearly every position of a command line was a candidate. Literals that must start, end or equal the value
/// (most image paths are <c>endswith: '\name.exe'</c>) are looked up only there, by <see cref="PositionalLiterals"/>.
/// </summary>
internal sealed class LiteralSearch
{
    private const int VectorMinLength = 256; // values at least this long use SearchValues when the set is small
    private const int VectorMaxLiterals = 64;

    private readonly FieldAccessor? _field;
    private readonly string[]? _vectorLiterals; // set when few enough for SearchValues
    private SearchValues<string>? _values; // built on first long value: many buckets never see one
    private readonly (string Text, int[] Entries)[] _literals;
    private readonly uint[] _probes; // per literal: its folded middle and last chars, a cheap test before the full compare
    private readonly AnchorScan? _anchorScan; // small sets with selective pairs or chars, on values of any length
    private readonly PrefixTable<PrefixGroup> _byPrefix;
    private readonly ulong[] _triples; // hashed 3-char prefixes of literals of 3+ chars
    private readonly int _tripleShift;
    private readonly ulong[] _pairs; // exact 2-char literals (empty when there are none)
    private readonly ulong[] _singles; // exact 1-char literals (empty when there are none)
    private readonly SearchValues<char>? _shortAnchors; // every char equal ignoring case to a 1-char literal or a 2-char literal's last
    private readonly bool _skipsFormatted; // keywords only: no literal can occur in a formatted number, GUID, SID or time
    private readonly PositionalLiterals? _positional; // literals that must start, end or equal the value

    private const int CharBits = 1 << 16;
    // When 3+ char literals start with at most this many folded chars (IOC hash lists: "MD5=", "SHA256=", "IMPHASH="), a
    // vectorised search for those chars skips the positions where none can start, instead of hashing every one.
    private const int MaxFirstChars = 3;
    private readonly SearchValues<char>? _firstChars; // every char folding to such a first char

    /// <param name="field">The field searched; null searches every payload field (keywords, whose literals are all <see cref="LiteralPosition.Anywhere"/>).</param>
    public LiteralSearch(FieldAccessor? field, IEnumerable<(string Text, LiteralPosition Position, int Entry)> literals)
    {
        _field = field;
        var all = literals.ToList();
        if (all.Any(l => l.Position != LiteralPosition.Anywhere))
            _positional = new PositionalLiterals(all.Where(l => l.Position != LiteralPosition.Anywhere));
        _literals = all.Where(l => l.Position == LiteralPosition.Anywhere).GroupBy(l => l.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Text: g.Key, Entries: g.Select(x => x.Entry).Distinct().ToArray())).ToArray();
        _probes = _literals.Select(l => Probe(l.Text, l.Text.Length)).ToArray();
        _skipsFormatted = field is null && !_literals.Any(l => FormattedText.MayContain(l.Text));
        if (_literals.Length <= VectorMaxLiterals)
        {
            _vectorLiterals = _literals.Select(g => g.Text).ToArray();
            _anchorScan = AnchorScan.TryCreate(_literals);
        }
        _byPrefix = new PrefixTable<PrefixGroup>(_literals.Select((l, i) => (Key: Key(l.Text, Math.Min(3, l.Text.Length)), Index: i))
            .GroupBy(x => x.Key).Select(g => (g.Key, new PrefixGroup(g.Select(x => x.Index).ToArray(), _literals))).ToList());
        int triples = _literals.Count(l => l.Text.Length >= 3);
        int tripleBits = (int)Math.Clamp(BitOperations.RoundUpToPowerOf2((uint)Math.Max(triples, 1) * 32), 1 << 10, 1 << 17);
        _tripleShift = 32 - BitOperations.Log2((uint)tripleBits);
        _triples = new ulong[tripleBits / 64];
        _pairs = _literals.Any(l => l.Text.Length == 2) ? new ulong[CharBits / 64] : [];
        _singles = _literals.Any(l => l.Text.Length == 1) ? new ulong[CharBits / 64] : [];
        var shortLast = _literals.Where(l => l.Text.Length is 1 or 2).Select(l => l.Text[^1]).Distinct().ToList();
        if (shortLast.Count > 0) _shortAnchors = SearchValues.Create(shortLast.SelectMany(IgnoreCaseNeedle.SameIgnoringCase).Distinct().ToArray());
        var firsts = _literals.Where(l => l.Text.Length >= 3).Select(l => Fold(l.Text[0])).Distinct().ToList();
        if (firsts.Count is > 0 and <= MaxFirstChars) _firstChars = SearchValues.Create(CharsFoldingTo(firsts));
        foreach (var (text, _) in _literals)
        {
            if (text.Length >= 3) Set(_triples, TripleHash(Fold(text[0]), Fold(text[1]), Fold(text[2])));
            else if (text.Length == 2) Set(_pairs, Pair(Fold(text[0]), Fold(text[1])));
            else if (text.Length == 1) Set(_singles, Fold(text[0]));
        }
    }

    private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << i;
    private static bool Has(ulong[] bits, int i) => (bits[i >> 6] & (1UL << i)) != 0;

    /// <summary>
    /// Case fold for bitsets and keys: chars equal ignoring case (same ToUpperInvariant) fold alike; ASCII
    /// just sets bit 5, which also merges a few punctuation pairs (harmless extra candidates).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Fold(char c) => c < 128 ? c | 0x20 : FoldNonAscii(c);

    /// <summary>The folded middle and last chars of the first <paramref name="length"/> chars of <paramref name="text"/>.</summary>
    private static uint Probe(ReadOnlySpan<char> text, int length) => (uint)Fold(text[length - 1]) << 16 | (uint)Fold(text[length >> 1]);

    private static int FoldNonAscii(char c)
    {
        char u = char.ToUpperInvariant(c);
        return u < 128 ? u | 0x20 : u;
    }

    private static char[][]? s_asciiFoldClasses;

    /// <summary>
    /// Every char (surrogates aside) whose <see cref="Fold"/> is one of <paramref name="folded"/>: for ASCII folds from a
    /// table made once in one pass over all chars, else by a pass of its own (a literal starting with a non-ASCII char is rare).
    /// The fold's classes, not <see cref="IgnoreCaseNeedle.SameIgnoringCase"/>: choosing and searching by the latter, a
    /// corpus matching pass took 0.733e9 instructions instead of 0.706e9 (callgrind).
    /// </summary>
    private static char[] CharsFoldingTo(List<int> folded)
    {
        var ascii = s_asciiFoldClasses ??= AsciiFoldClasses();
        var chars = new List<char>();
        foreach (var f in folded)
        {
            if (f < 128) chars.AddRange(ascii[f]);
            else
                for (int c = 128; c <= char.MaxValue; c++)
                    if (!char.IsSurrogate((char)c) && Fold((char)c) == f) chars.Add((char)c);
        }
        return chars.ToArray();
    }

    private static char[][] AsciiFoldClasses()
    {
        var classes = Enumerable.Range(0, 128).Select(_ => new List<char>()).ToArray();
        for (int c = 0; c <= char.MaxValue; c++)
            if (!char.IsSurrogate((char)c) && Fold((char)c) is < 128 and var f) classes[f].Add((char)c);
        return classes.Select(l => l.ToArray()).ToArray();
    }

    private static int Pair(int a, int b) => ((a << 7) ^ b) & (CharBits - 1);

    private int TripleHash(int a, int b, int c) => (int)((((uint)a << 16 | (uint)b) * 0x9E3779B1u ^ (uint)c * 0x85EBCA77u) >> _tripleShift);

    private static ulong Key(ReadOnlySpan<char> text, int length)
    {
        ulong key = (ulong)length << 48;
        for (int i = 0; i < length; i++) key |= (ulong)Fold(text[i]) << (16 * i);
        return key;
    }

    /// <summary>A hash of the first <paramref name="length"/> folded chars (for groups of literals sharing their first three).</summary>
    internal static ulong LongKey(ReadOnlySpan<char> text, int length)
    {
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < length; i++) hash = (hash ^ (ulong)Fold(text[i])) * 1099511628211UL;
        return hash;
    }

    private static ulong Key(int length, int a, int b = 0, int c = 0) => (ulong)length << 48 | (ulong)a | (ulong)b << 16 | (ulong)c << 32;

    /// <summary>Sets the bit of every entry one of whose literals occurs.</summary>
    public void Mark(EventScope scope, ulong[] candidates)
    {
        if (_field is not null)
        {
            if (_field.TryChars(scope, out var value)) Scan(value, candidates);
            return;
        }
        // Every payload field, in one scan: numbers, GUIDs, SIDs and times are left out when no literal can occur in them.
        Scan(scope.AllText(withFormatted: !_skipsFormatted), candidates);
    }

    internal void Scan(ReadOnlySpan<char> span, ulong[] candidates)
    {
        _positional?.Scan(span, candidates);
        if (_literals.Length == 0) return;
        if (_anchorScan is not null)
        {
            _anchorScan.Scan(span, candidates);
            return;
        }
        if (_vectorLiterals is not null && span.Length >= VectorMinLength)
        {
            ScanVector(span, candidates);
            return;
        }
        int n = span.Length;
        if (n == 0) return;
        if (_pairs.Length > 0 || _singles.Length > 0) ScanShort(span, candidates);
        if (n < 3) return;
        if (_firstChars is not null)
        {
            ScanFromFirstChars(span, candidates);
            return;
        }
        // Literals of three chars or more that may start at i: a hash of the next three folded chars.
        var triples = _triples;
        int shift = _tripleShift;
        int a = Fold(span[0]), b = Fold(span[1]);
        for (int i = 0; i + 2 < n; i++)
        {
            int c = Fold(span[i + 2]);
            int h = (int)((((uint)a << 16 | (uint)b) * 0x9E3779B1u ^ (uint)c * 0x85EBCA77u) >> shift);
            if ((triples[h >> 6] & (1UL << h)) != 0) Verify(span[i..], Key(3, a, b, c), candidates);
            a = b;
            b = c;
        }
    }

    /// <summary>The triple-hash scan of <see cref="Scan"/>, only at positions holding a char some literal starts with.</summary>
    private void ScanFromFirstChars(ReadOnlySpan<char> span, ulong[] candidates)
    {
        var firsts = _firstChars!;
        for (int i = 0; i + 2 < span.Length; i++)
        {
            int found = span[i..^2].IndexOfAny(firsts);
            if (found < 0) return;
            i += found;
            int a = Fold(span[i]), b = Fold(span[i + 1]), c = Fold(span[i + 2]);
            if (Has(_triples, TripleHash(a, b, c))) Verify(span[i..], Key(3, a, b, c), candidates);
        }
    }

    /// <summary>
    /// One- and two-char literals (rare): a vectorised search for their last chars, then exact bitsets of a folded
    /// char and a folded pair. Hashing every char of a command line for a handful of such literals cost more.
    /// </summary>
    private void ScanShort(ReadOnlySpan<char> span, ulong[] candidates)
    {
        var anchors = _shortAnchors!;
        bool pairs = _pairs.Length > 0, singles = _singles.Length > 0;
        for (int from = 0; from < span.Length;)
        {
            int found = span[from..].IndexOfAny(anchors);
            if (found < 0) return;
            int i = from + found;
            int b = Fold(span[i]);
            if (singles && Has(_singles, b)) Verify(span[i..], Key(1, b), candidates);
            if (pairs && i > 0)
            {
                int a = Fold(span[i - 1]);
                if (Has(_pairs, Pair(a, b))) Verify(span[(i - 1)..], Key(2, a, b), candidates);
            }
            from = i + 1;
        }
    }

    private void ScanVector(ReadOnlySpan<char> value, ulong[] candidates)
    {
        int pos = 0;
        while (pos < value.Length)
        {
            int found = value[pos..].IndexOfAny(_values ?? BuildValues());
            if (found < 0) return;
            int at = pos + found;
            var rest = value[at..];
            for (int k = 1; k <= 3 && k <= rest.Length; k++) Verify(rest, Key(rest, k), candidates);
            pos = at + 1;
        }
    }

    private SearchValues<string> BuildValues()
    {
        var values = SearchValues.Create(_vectorLiterals!, StringComparison.OrdinalIgnoreCase);
        return Interlocked.CompareExchange(ref _values, values, null) ?? values;
    }

    private void Verify(ReadOnlySpan<char> rest, ulong key, ulong[] candidates)
    {
        if (_byPrefix.Find(key)?.Candidates(rest) is not { } literals) return;
        foreach (var index in literals)
        {
            var (text, entries) = _literals[index];
            // A literal of one rule already marked (found earlier in this value or another field) needs no compare.
            if (entries.Length == 1 && (candidates[entries[0] >> 6] & (1UL << entries[0])) != 0) continue;
            // Most candidates differ in the middle or at the end: two folded chars reject them before the full compare.
            if (text.Length > rest.Length) continue;
            if (_probes[index] != Probe(rest, text.Length)) continue;
            if (rest.StartsWith(text, StringComparison.OrdinalIgnoreCase))
                foreach (var e in entries) candidates[e >> 6] |= 1UL << e;
        }
    }
}
