using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// Prefilter for a small literal set: each literal is anchored on a rare pair of its chars (at most
/// <see cref="MaxDistance"/> apart, e.g. "::" in "lsadump::" or "k?w" in "gentilkiwi"), and a vectorised
/// compare of every pair at 16 positions at once jumps to the few positions where a literal can occur, where
/// it is verified. A pair is far rarer than a single char (a one-char anchor stops at every 'v' of
/// "Privilege"), and the same pair often anchors several literals. The Mimikatz keyword rule alone sends
/// the text of every Windows event through this. A literal with no selective pair (e.g. "RULER") is anchored
/// on its rarest char alone. Not built when some literal has neither.
/// </summary>
internal sealed class AnchorScan
{
    // Commonest first, in Windows event text; chars not listed are rarer than all of these.
    private const string ByFrequency = " ETAOINSRLCDMUHP.\\0123456789-GFWYB_:KV,X/=(){}";
    private const int MinPairRarity = 24; // rank sum below this (e.g. "er", "s.") would stop almost everywhere
    private const int MinCharRarity = 11; // a lone anchor char among the first 11 would stop almost everywhere
    private const int ReuseSlack = 8; // a literal takes an anchor of others if it is this close to its rarest one
    private const int MaxAnchors = 8; // each anchor costs one or two compares per 16 positions
    private const int MaxDistance = 3;
    private const ushort FoldBit = 0x20; // ASCII case bit; anchors use only chars whose case variants are all ASCII

    private readonly (string Text, int[] Entries)[] _literals;
    private readonly Anchor[] _anchors;
    // The anchors' folded chars broadcast, by distance: lone chars (first only) up to _loneEnd, then pairs (first, second).
    private readonly Vector256<ushort>[] _chars;
    private readonly int _loneEnd, _distance1End, _distance2End;

    /// <summary>
    /// Chars <see cref="First"/> and <see cref="Second"/> (folded), <see cref="Distance"/> apart (0: <see cref="First"/>
    /// alone); <see cref="Offset"/> of the first in each literal.
    /// </summary>
    private sealed record Anchor(ushort First, ushort Second, int Distance, (int Literal, int Offset)[] Literals);

    private AnchorScan((string Text, int[] Entries)[] literals, Anchor[] anchors)
    {
        _literals = literals;
        _anchors = anchors;
        var chars = new List<Vector256<ushort>>();
        for (int d = 0; d <= MaxDistance; d++)
        {
            foreach (var a in anchors.Where(a => a.Distance == d))
            {
                chars.Add(Vector256.Create(a.First));
                if (d > 0) chars.Add(Vector256.Create(a.Second));
            }
            if (d == 0) _loneEnd = chars.Count;
            if (d == 1) _distance1End = chars.Count;
            if (d == 2) _distance2End = chars.Count;
        }
        _chars = chars.ToArray();
    }

    public static AnchorScan? TryCreate((string Text, int[] Entries)[] literals)
    {
        // Every selective pair of every literal (else every selective char), by (first, second, distance), with its rarity.
        var pairs = new List<(int Literal, int Offset, (ushort, ushort, int) Key, int Rarity)>[literals.Length];
        for (int i = 0; i < literals.Length; i++)
        {
            var text = literals[i].Text;
            var some = PairsOf(text).ToList();
            if (some.Count == 0) some = CharsOf(text).ToList();
            if (some.Count == 0) return null;
            int rarest = some.Max(p => p.Rarity);
            pairs[i] = some.Where(p => p.Rarity >= rarest - ReuseSlack).Select(p => (i, p.Offset, p.Key, p.Rarity)).ToList();
        }
        // Greedy cover: the anchor acceptable to most literals not yet anchored (the rarest among equals).
        var uncovered = Enumerable.Range(0, literals.Length).ToHashSet();
        var anchors = new List<Anchor>();
        while (uncovered.Count > 0)
        {
            if (anchors.Count == MaxAnchors) return null;
            var acceptable = uncovered.SelectMany(i => pairs[i]).ToList();
            var best = acceptable.GroupBy(p => p.Key)
                .MaxBy(g => (g.Select(p => p.Literal).Distinct().Count(), g.Min(p => p.Rarity)))!;
            var anchored = best.GroupBy(p => p.Literal).Select(g => g.First()).ToList();
            var (first, second, distance) = best.Key;
            anchors.Add(new Anchor(first, second, distance, anchored.Select(p => (p.Literal, p.Offset)).ToArray()));
            uncovered.ExceptWith(anchored.Select(p => p.Literal));
        }
        return new AnchorScan(literals, anchors.ToArray());
    }

    private static IEnumerable<(int Offset, (ushort, ushort, int) Key, int Rarity)> PairsOf(string text)
    {
        for (int k = 0; k < text.Length; k++)
            for (int d = 1; d <= MaxDistance && k + d < text.Length; d++)
                if (Rarity(text[k]) is int a and >= 0 && Rarity(text[k + d]) is int b and >= 0 && a + b >= MinPairRarity)
                    yield return (k, ((ushort)(text[k] | FoldBit), (ushort)(text[k + d] | FoldBit), d), a + b);
    }

    private static IEnumerable<(int Offset, (ushort, ushort, int) Key, int Rarity)> CharsOf(string text)
    {
        for (int k = 0; k < text.Length; k++)
            if (Rarity(text[k]) is int a and >= MinCharRarity)
                yield return (k, ((ushort)(text[k] | FoldBit), (ushort)(text[k] | FoldBit), 0), a);
    }

    /// <summary>The char's frequency rank (higher is rarer); -1 when some char equal to it ignoring case is not ASCII (e.g. 'ı' for 'i').</summary>
    private static int Rarity(char c) => c < 128 ? Rarities[c] : -1;

    private static readonly int[] Rarities = Enumerable.Range(0, 128).Select(c =>
    {
        char upper = char.ToUpperInvariant((char)c);
        if (IgnoreCaseNeedle.SameIgnoringCase(upper).Any(v => v >= 128)) return -1;
        int rank = ByFrequency.IndexOf(upper);
        return rank < 0 ? ByFrequency.Length : rank;
    }).ToArray();

    private const int Width = 16; // chars per Vector256<ushort>
    private const int Positions = 2 * Width; // positions one pass of Hits covers
    private const int Reach = Positions + MaxDistance; // chars one pass reads

    /// <summary>Sets the candidate bit of every entry one of whose literals occurs in <paramref name="value"/>.</summary>
    public void Scan(ReadOnlySpan<char> value, ulong[] candidates)
    {
        int n = value.Length;
        if (!Vector256.IsHardwareAccelerated)
        {
            for (int p = 0; p < n; p++) VerifyAt(value, p, candidates);
            return;
        }
        int i = 0;
        ref ushort chars = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(value));
        for (; i + Reach <= n; i += Positions)
        {
            uint hits = Hits(ref Unsafe.Add(ref chars, i));
            if (hits != 0) VerifyHits(value, i, hits, candidates);
        }
        if (i == n) return;
        // The rest (all of most field values) is copied into zeros (stackalloc clears), so a pass never reads past
        // the value; a pair found in the zeros fails VerifyAt's bounds check.
        Span<ushort> rest = stackalloc ushort[Reach];
        MemoryMarshal.Cast<char, ushort>(value[i..]).CopyTo(rest);
        VerifyHits(value, i, Hits(ref rest[0]), candidates);
    }

    private void VerifyHits(ReadOnlySpan<char> value, int from, uint hits, ulong[] candidates)
    {
        for (; hits != 0; hits &= hits - 1) VerifyAt(value, from + BitOperations.TrailingZeroCount(hits), candidates);
    }

    /// <summary>
    /// Bit k set when some anchor's chars (folded) start at position k of the 32 from <paramref name="at"/>: two vectors
    /// of 16 per pass over the anchors (one vector per pass cost more, measured in instructions per corpus scan).
    /// </summary>
    private uint Hits(ref ushort at)
    {
        var fold = Vector256.Create(FoldBit);
        ref ushort next = ref Unsafe.Add(ref at, Width);
        var f0 = Vector256.LoadUnsafe(ref at) | fold;
        var f1 = Vector256.LoadUnsafe(ref at, 1) | fold;
        var f2 = Vector256.LoadUnsafe(ref at, 2) | fold;
        var f3 = Vector256.LoadUnsafe(ref at, 3) | fold;
        var g0 = Vector256.LoadUnsafe(ref next) | fold;
        var g1 = Vector256.LoadUnsafe(ref next, 1) | fold;
        var g2 = Vector256.LoadUnsafe(ref next, 2) | fold;
        var g3 = Vector256.LoadUnsafe(ref next, 3) | fold;
        ref var chars = ref MemoryMarshal.GetArrayDataReference(_chars);
        int k = 0, end = _chars.Length;
        Vector256<ushort> any = Vector256<ushort>.Zero, anyNext = Vector256<ushort>.Zero;
        for (; k < _loneEnd; k++)
        {
            var c = Unsafe.Add(ref chars, k);
            any |= Vector256.Equals(f0, c);
            anyNext |= Vector256.Equals(g0, c);
        }
        for (; k < _distance1End; k += 2)
        {
            Vector256<ushort> first = Unsafe.Add(ref chars, k), second = Unsafe.Add(ref chars, k + 1);
            any |= Vector256.Equals(f0, first) & Vector256.Equals(f1, second);
            anyNext |= Vector256.Equals(g0, first) & Vector256.Equals(g1, second);
        }
        for (; k < _distance2End; k += 2)
        {
            Vector256<ushort> first = Unsafe.Add(ref chars, k), second = Unsafe.Add(ref chars, k + 1);
            any |= Vector256.Equals(f0, first) & Vector256.Equals(f2, second);
            anyNext |= Vector256.Equals(g0, first) & Vector256.Equals(g2, second);
        }
        for (; k < end; k += 2)
        {
            Vector256<ushort> first = Unsafe.Add(ref chars, k), second = Unsafe.Add(ref chars, k + 1);
            any |= Vector256.Equals(f0, first) & Vector256.Equals(f3, second);
            anyNext |= Vector256.Equals(g0, first) & Vector256.Equals(g3, second);
        }
        return (any | anyNext) == Vector256<ushort>.Zero ? 0 : any.ExtractMostSignificantBits() | anyNext.ExtractMostSignificantBits() << Width;
    }

    private void VerifyAt(ReadOnlySpan<char> value, int at, ulong[] candidates)
    {
        foreach (var a in _anchors)
        {
            if (at + a.Distance >= value.Length || (value[at] | FoldBit) != a.First || (value[at + a.Distance] | FoldBit) != a.Second) continue;
            foreach (var (literal, offset) in a.Literals)
            {
                var (text, entries) = _literals[literal];
                int start = at - offset;
                if (start >= 0 && start + text.Length <= value.Length && value.Slice(start, text.Length).Equals(text, StringComparison.OrdinalIgnoreCase))
                    foreach (var e in entries) candidates[e >> 6] |= 1UL << e;
            }
        }
    }
}
