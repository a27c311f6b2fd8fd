namespace Huntsman.Sigma.Matching;

/// <summary>
/// The literals of a <see cref="LiteralSearch"/> that share their first three folded chars. Large groups (hundreds
/// of <c>IMPHASH=…</c> or <c>SHA256=…</c> hashes) are split again by a longer prefix, so a candidate position is
/// verified against the few literals that can start there instead of the whole group.
/// </summary>
internal sealed class PrefixGroup
{
    private const int SplitAbove = 8;
    private const int MaxLongPrefix = 16;

    private readonly int[] _all;
    private readonly int _longPrefix; // 0 when not split
    private readonly Dictionary<ulong, int[]>? _byLongPrefix;

    public PrefixGroup(int[] indices, (string Text, int[] Entries)[] literals)
    {
        _all = indices;
        int shortest = indices.Min(i => literals[i].Text.Length);
        if (indices.Length <= SplitAbove || shortest <= 3) return;
        _longPrefix = Math.Min(shortest, MaxLongPrefix);
        _byLongPrefix = indices.GroupBy(i => LiteralSearch.LongKey(literals[i].Text, _longPrefix))
            .ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>The literals that may start at the beginning of <paramref name="rest"/>; null when none.</summary>
    public int[]? Candidates(ReadOnlySpan<char> rest)
    {
        if (_byLongPrefix is null) return _all;
        if (rest.Length < _longPrefix) return null;
        return _byLongPrefix.TryGetValue(LiteralSearch.LongKey(rest, _longPrefix), out var some) ? some : null;
    }
}
