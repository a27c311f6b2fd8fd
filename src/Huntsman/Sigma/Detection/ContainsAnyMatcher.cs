using System.Buffers;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Several case-insensitive <c>contains</c> alternatives of one item, tested together: long values
/// get one vectorised multi-string pass instead of one scan per literal (a command-line list can hold
/// hundreds); short values, where SearchValues' fallback is slower, test each literal as before.
/// </summary>
internal sealed class ContainsAnyMatcher : ValueMatcher
{
    private const int VectorMinLength = 64;
    private readonly string[] _literals;
    private readonly IgnoreCaseNeedle[] _needles;
    private SearchValues<string>? _values; // built on first long value: most rules never see their logsource

    public ContainsAnyMatcher(IEnumerable<ContainsMatcher> matchers)
    {
        _literals = matchers.Select(m => m.Literal).ToArray();
        _needles = _literals.Select(l => new IgnoreCaseNeedle(l)).ToArray();
    }

    private SearchValues<string> Build()
    {
        var values = SearchValues.Create(_literals, StringComparison.OrdinalIgnoreCase);
        return Interlocked.CompareExchange(ref _values, values, null) ?? values;
    }

    /// <summary>Whether <paramref name="m"/> can join: ignore-case and non-empty (SearchValues' empty-string rule differs).</summary>
    public static bool CanMerge(ValueMatcher m) => m is ContainsMatcher { IgnoresCase: true, Literal.Length: > 0 };

    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present) return false;
        if (value.Length >= VectorMinLength) return value.IndexOfAny(_values ?? Build()) >= 0;
        foreach (var needle in _needles)
            if (needle.IsIn(value)) return true;
        return false;
    }
}
