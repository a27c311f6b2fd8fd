namespace Huntsman.Sigma.Detection;

/// <summary>
/// Sigma wildcard pattern with inner <c>*</c>/<c>?</c>: linear-time greedy matching with single-star
/// backtracking (no regex), case-folded per char unless cased.
/// </summary>
internal sealed class GlobMatcher : ValueMatcher
{
    private const byte Literal = 0, Star = 1, Single = 2;
    private readonly string _chars;
    private readonly byte[] _kinds;
    private readonly bool _cased;

    public GlobMatcher(IReadOnlyList<SigmaPart> parts, bool cased)
    {
        _cased = cased;
        var chars = new System.Text.StringBuilder();
        var kinds = new List<byte>();
        foreach (var p in parts)
        {
            if (p.Wildcard == '*') { chars.Append('*'); kinds.Add(Star); }
            else if (p.Wildcard == '?') { chars.Append('?'); kinds.Add(Single); }
            else
                foreach (var c in p.Text) { chars.Append(cased ? c : char.ToUpperInvariant(c)); kinds.Add(Literal); }
        }
        _chars = chars.ToString();
        _kinds = kinds.ToArray();
        var literals = parts.Where(p => !p.IsWildcard).Select(p => p.Text).ToList();
        RequiredLiteral = literals.MaxBy(t => t.Length);
        var guard = cased ? RequiredLiteral : IgnoreCaseNeedle.CaseFoldGuard(literals);
        _guard = string.IsNullOrEmpty(guard) ? null : new IgnoreCaseNeedle(guard);
    }

    /// <summary>
    /// A vectorised pre-check (IndexOf, ignore case) before the char-by-char walk, of text every match certainly
    /// contains: the longest literal part of a cased glob, else <see cref="IgnoreCaseNeedle.CaseFoldGuard"/>.
    /// </summary>
    private readonly IgnoreCaseNeedle? _guard;

    public override string? RequiredLiteral { get; }

    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present) return false;
        if (_guard is not null && !_guard.IsIn(value)) return false;
        int p = 0, v = 0, starP = -1, starV = 0;
        while (v < value.Length)
        {
            if (p < _kinds.Length && _kinds[p] == Star) { starP = p++; starV = v; continue; }
            if (p < _kinds.Length && (_kinds[p] == Single || Same(_chars[p], value[v]))) { p++; v++; continue; }
            if (starP < 0) return false;
            p = starP + 1;
            v = ++starV;
        }
        while (p < _kinds.Length && _kinds[p] == Star) p++;
        return p == _kinds.Length;
    }

    private bool Same(char pattern, char c) => pattern == (_cased ? c : char.ToUpperInvariant(c));
}
