using System.Buffers;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// Prefilter for a small literal set on short values: each literal is anchored on its rarest ASCII char, and
/// a vectorised <c>IndexOfAny</c> over those chars (every case variant) jumps to the few positions where a
/// literal can occur, instead of hashing every char. The Mimikatz keyword rule alone sends every payload
/// field of every Windows event through this. Not built when some literal has only common chars.
/// </summary>
internal sealed class AnchorScan
{
    // Commonest first, in Windows event text; chars not listed are rarer than all of these.
    private const string ByFrequency = " ETAOINSRLCDMUHP.\\0123456789-GFWYB_";
    private const int TooCommon = 11; // an anchor among the first 11 would stop almost everywhere
    private const int MaxAnchors = 8;

    private readonly (string Text, int[] Entries)[] _literals;
    private readonly SearchValues<char> _anchors;
    private readonly (int Literal, int Offset)[]?[] _byAnchor = new (int, int)[]?[128]; // by upper-case ASCII anchor

    private AnchorScan((string Text, int[] Entries)[] literals, List<(int Literal, int Offset, char Anchor)> anchors)
    {
        _literals = literals;
        foreach (var group in anchors.GroupBy(a => a.Anchor))
            _byAnchor[group.Key] = group.Select(a => (a.Literal, a.Offset)).ToArray();
        _anchors = SearchValues.Create(anchors.Select(a => a.Anchor).Distinct().SelectMany(IgnoreCaseNeedle.EqualIgnoringCase).ToArray());
    }

    public static AnchorScan? TryCreate((string Text, int[] Entries)[] literals)
    {
        var anchors = new List<(int Literal, int Offset, char Anchor)>(literals.Length);
        for (int i = 0; i < literals.Length; i++)
        {
            var text = literals[i].Text;
            int best = -1, bestRank = -1;
            for (int k = 0; k < text.Length; k++)
            {
                if (text[k] >= 128) continue;
                int rank = ByFrequency.IndexOf(char.ToUpperInvariant(text[k]));
                if (rank < 0) rank = ByFrequency.Length;
                if (rank > bestRank) (best, bestRank) = (k, rank);
            }
            if (best < 0 || bestRank < TooCommon) return null;
            anchors.Add((i, best, char.ToUpperInvariant(text[best])));
        }
        return anchors.Select(a => a.Anchor).Distinct().Count() <= MaxAnchors ? new AnchorScan(literals, anchors) : null;
    }

    /// <summary>Sets the candidate bit of every entry one of whose literals occurs in <paramref name="value"/>.</summary>
    public void Scan(ReadOnlySpan<char> value, ulong[] candidates)
    {
        int from = 0;
        while (from < value.Length)
        {
            int i = value[from..].IndexOfAny(_anchors);
            if (i < 0) return;
            int at = from + i;
            foreach (var (literal, offset) in _byAnchor[char.ToUpperInvariant(value[at])]!)
            {
                var (text, entries) = _literals[literal];
                int start = at - offset;
                if (start >= 0 && start + text.Length <= value.Length && value.Slice(start, text.Length).Equals(text, StringComparison.OrdinalIgnoreCase))
                    foreach (var e in entries) candidates[e >> 6] |= 1UL << e;
            }
            from = at + 1;
        }
    }
}
