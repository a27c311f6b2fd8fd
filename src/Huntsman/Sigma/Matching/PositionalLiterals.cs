using System.Runtime.CompilerServices;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// The literals of a <see cref="LiteralSearch"/> that must start, end or equal the value (<c>startswith</c>,
/// <c>endswith</c>, plain values): each is found by hash lookups at its one possible place instead of a scan of
/// the whole value. A hash of the value's folded chars grows one char at a time from the start (for start
/// literals) or from the end (for end literals), and is looked up at every length some literal's key has. An end
/// literal's key is its text after its last backslash (with the backslash): most are <c>\name.exe</c>, so the
/// hash from the end stops at the value's last backslash; other end keys are at most <see cref="EndKeyMax"/> chars,
/// start keys at most <see cref="StartKeyMax"/>.
/// Candidates are verified with the full compare, so exactly the literals at their place mark their rules.
/// </summary>
internal sealed class PositionalLiterals
{
    private const int StartKeyMax = 16;
    private const int EndKeyMax = 8; // without a backslash: a longer key would cost a lookup at more lengths

    private readonly (string Text, LiteralPosition Position, int[] Entries)[] _literals;
    private readonly PrefixTable<int[]> _byKey;
    private readonly bool[] _startLengths; // by key length: some start literal has a key this long
    private readonly bool[] _endLengths;
    private readonly bool[] _wholeLengths;
    private readonly ulong _startFirsts; // bit (folded first char % 64) of every start literal: most values start with none
    private readonly ulong[] _wholeEnds = new ulong[64]; // by folded first and last char % 64 of every whole literal
    private readonly int _endReachWithoutSlash; // longest end key without a backslash
    private readonly ulong[] _keyBits = new ulong[64]; // bit (key >> 52) of every key: most lookups end here

    public PositionalLiterals(IEnumerable<(string Text, LiteralPosition Position, int Entry)> literals)
    {
        _literals = literals.GroupBy(l => l.Position).SelectMany(p => p.GroupBy(l => l.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => (g.Key, p.Key, g.Select(x => x.Entry).Distinct().ToArray()))).ToArray();
        var keyed = _literals.Select((l, i) => (Key: KeyOf(l.Text, l.Position), Index: i)).ToList();
        _byKey = new PrefixTable<int[]>(keyed.GroupBy(x => x.Key).Select(g => (g.Key, g.Select(x => x.Index).ToArray())).ToList());
        foreach (var (key, _) in keyed) _keyBits[(int)(key >> 58)] |= 1UL << (int)(key >> 52);
        _startLengths = Lengths(LiteralPosition.Start);
        _endLengths = Lengths(LiteralPosition.End);
        _wholeLengths = Lengths(LiteralPosition.Whole);
        foreach (var (text, position, _) in _literals)
        {
            int first = LiteralSearch.Fold(text[0]) & 63, last = LiteralSearch.Fold(text[^1]) & 63;
            if (position == LiteralPosition.Start) _startFirsts |= 1UL << first;
            if (position == LiteralPosition.Whole) _wholeEnds[first] |= 1UL << last;
        }
        _endReachWithoutSlash = _literals.Where(l => l.Position == LiteralPosition.End && !l.Text.Contains('\\'))
            .Select(l => KeyLength(l.Text, l.Position)).DefaultIfEmpty(0).Max();
    }

    private bool[] Lengths(LiteralPosition position)
    {
        var lengths = _literals.Where(l => l.Position == position).Select(l => KeyLength(l.Text, position)).ToList();
        var present = new bool[lengths.Count == 0 ? 0 : lengths.Max() + 1];
        foreach (var length in lengths) present[length] = true;
        return present;
    }

    private static int KeyLength(string text, LiteralPosition position) => position switch
    {
        LiteralPosition.Start => Math.Min(text.Length, StartKeyMax),
        LiteralPosition.End => text.LastIndexOf('\\') is var slash and >= 0 ? text.Length - slash : Math.Min(text.Length, EndKeyMax),
        _ => text.Length,
    };

    private static ulong KeyOf(string text, LiteralPosition position)
    {
        int length = KeyLength(text, position);
        ulong hash = Seed;
        if (position == LiteralPosition.End)
            for (int i = 1; i <= length; i++) hash = Step(hash, text[^i]);
        else
            for (int i = 0; i < length; i++) hash = Step(hash, text[i]);
        return Key(hash, length, position);
    }

    private const ulong Seed = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Step(ulong hash, char c) => (hash ^ (ulong)LiteralSearch.Fold(c)) * Prime;

    // Never 0 (the table's empty slot); position and length keep keys of different kinds apart.
    private static ulong Key(ulong hash, int length, LiteralPosition position) =>
        (hash + (ulong)length * 0x9E3779B97F4A7C15UL + (ulong)position * 0xC2B2AE3D27D4EB4FUL) | 1;

    /// <summary>Sets the bit of every entry one of whose literals is at its place in <paramref name="value"/>.</summary>
    public void Scan(ReadOnlySpan<char> value, ulong[] candidates)
    {
        int n = value.Length;
        if (n == 0) return;
        var keyBits = _keyBits;
        int firstBit = LiteralSearch.Fold(value[0]) & 63;
        var starts = _startLengths;
        ulong hash = Seed;
        int startReach = (_startFirsts >> firstBit & 1) != 0 ? Math.Min(n, starts.Length - 1) : 0;
        for (int length = 1; length <= startReach; length++)
        {
            char c = value[length - 1];
            hash = Step(hash, c);
            if (!starts[length]) continue;
            ulong key = Key(hash, length, LiteralPosition.Start);
            if (((keyBits[(int)(key >> 58)] >> (int)(key >> 52)) & 1) != 0) Verify(value, key, candidates);
        }
        // From the end: up to the last backslash if some key is that long, else only as far as keys without one reach.
        var ends = _endLengths;
        int slash = ends.Length > 0 ? value.LastIndexOf('\\') : -1;
        int reach = slash >= 0 && n - slash < ends.Length ? n - slash : Math.Min(n, _endReachWithoutSlash);
        hash = Seed;
        for (int length = 1; length <= reach; length++)
        {
            char c = value[n - length];
            hash = Step(hash, c);
            if (!ends[length]) continue;
            ulong key = Key(hash, length, LiteralPosition.End);
            if (((keyBits[(int)(key >> 58)] >> (int)(key >> 52)) & 1) != 0) Verify(value, key, candidates);
        }
        if (n < _wholeLengths.Length && _wholeLengths[n] && (_wholeEnds[firstBit] >> LiteralSearch.Fold(value[^1]) & 1) != 0)
        {
            hash = Seed;
            foreach (char c in value) hash = Step(hash, c);
            ulong key = Key(hash, n, LiteralPosition.Whole);
            if (((keyBits[(int)(key >> 58)] >> (int)(key >> 52)) & 1) != 0) Verify(value, key, candidates);
        }
    }

    private void Verify(ReadOnlySpan<char> value, ulong key, ulong[] candidates)
    {
        if (_byKey.Find(key) is not { } literals) return;
        foreach (var index in literals)
        {
            var (text, position, entries) = _literals[index];
            if (entries.Length == 1 && (candidates[entries[0] >> 6] & (1UL << entries[0])) != 0) continue;
            bool found = position switch
            {
                LiteralPosition.Start => value.StartsWith(text, StringComparison.OrdinalIgnoreCase),
                LiteralPosition.End => value.EndsWith(text, StringComparison.OrdinalIgnoreCase),
                _ => value.Equals(text, StringComparison.OrdinalIgnoreCase),
            };
            if (found)
                foreach (var e in entries) candidates[e >> 6] |= 1UL << e;
        }
    }
}
