using System.Buffers;
using System.Collections.Concurrent;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// <c>value.Contains(text, OrdinalIgnoreCase)</c>, faster: under invariant globalization the framework's
/// ignore-case search compares char by char, while most rule literals are ASCII. One ASCII char of the text
/// (a rare-ish letter) is found with a vectorised search over every char that equals it ignoring case,
/// and each candidate window is compared as the framework would.
/// Text without an ASCII char falls back to the framework's search.
/// </summary>
internal sealed class IgnoreCaseNeedle
{
    private static readonly ConcurrentDictionary<char, SearchValues<char>> AnchorSets = new();
    private static Dictionary<char, char[]>? _classes; // by upper case, where several chars equal it ignoring case

    private readonly string _text;
    private readonly int _anchor;
    private readonly SearchValues<char>? _anchors;

    public IgnoreCaseNeedle(string text)
    {
        _text = text;
        _anchor = ChooseAnchor(text);
        if (_anchor >= 0) _anchors = AnchorSets.GetOrAdd(char.ToUpperInvariant(text[_anchor]), c => SearchValues.Create(SameIgnoringCase(c)));
    }

    public string Text => _text;

    public bool IsIn(ReadOnlySpan<char> value)
    {
        if (_anchors is null) return value.Contains(_text, StringComparison.OrdinalIgnoreCase);
        int n = _text.Length, last = value.Length - n; // last possible start
        if (last < 0) return false;
        var starts = value.Slice(_anchor, last + 1); // anchor positions, shifted so index = window start
        int from = 0;
        while (from <= last)
        {
            int i = starts[from..].IndexOfAny(_anchors);
            if (i < 0) return false;
            int start = from + i;
            if (value.Slice(start, n).Equals(_text, StringComparison.OrdinalIgnoreCase)) return true;
            from = start + 1;
        }
        return false;
    }

    /// <summary>The index of the char to search for: an ASCII letter other than the commonest ones if there is one, else any ASCII char; -1 for none.</summary>
    private static int ChooseAnchor(string text)
    {
        int letter = -1, ascii = -1;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c >= 128) continue;
            if (ascii < 0) ascii = i;
            if (!char.IsAsciiLetter(c)) continue;
            if ("eaiostnrlEAIOSTNRL".IndexOf(c) < 0) return i;
            if (letter < 0) letter = i;
        }
        return letter >= 0 ? letter : ascii;
    }

    private const int MinGuardLength = 3;

    /// <summary>
    /// For a glob, which folds case char by char with the invariant upper case, the longest run of <paramref name="texts"/>'
    /// chars whose containment, ordinal ignoring case, every match implies: ASCII other than i, k and s, whose upper case
    /// non-ASCII chars may also reach (dotless i, Kelvin sign, long s). Null when shorter than three chars (too weak to be
    /// worth a scan).
    /// </summary>
    public static string? CaseFoldGuard(IEnumerable<string> texts)
    {
        string? best = null;
        foreach (var text in texts)
            if (LongestRun(text, c => char.ToLowerInvariant(c) is 'i' or 'k' or 's') is { Length: >= MinGuardLength } run && run.Length > (best?.Length ?? 0))
                best = run;
        return best;
    }

    /// <summary>
    /// The ASCII chars whose ignore-case class in .NET regexes (culture-invariant) holds a char that ordinal ignore-case
    /// does not equate with them: k and K also match the Kelvin sign U+212A. Measured over every char (i, s and all other
    /// ASCII match only their ordinal case variants); <c>RegexCaseFoldTests</c> fails if that changes.
    /// </summary>
    internal const string RegexWiderFolds = "kK";

    /// <summary>
    /// For an ignore-case regex, the longest run of <paramref name="literal"/> whose containment, ordinal ignoring case,
    /// every match implies: ASCII other than <see cref="RegexWiderFolds"/>. Short runs are kept: the prefilter has exact
    /// one- and two-char searches, and a rule they gate would otherwise run on every event.
    /// </summary>
    public static string? RegexCaseFoldGuard(string literal) => LongestRun(literal, c => RegexWiderFolds.Contains(c)) is { Length: > 0 } run ? run : null;

    /// <summary>The longest run of ASCII chars of <paramref name="text"/> none of which is <paramref name="excluded"/>.</summary>
    private static string LongestRun(string text, Func<char, bool> excluded)
    {
        string best = "";
        for (int start = 0, end; start < text.Length; start = end + 1)
        {
            end = start;
            while (end < text.Length && text[end] < 128 && !excluded(text[end])) end++;
            if (end - start > best.Length) best = text[start..end];
        }
        return best;
    }

    /// <summary>Every char equal to <paramref name="c"/> ignoring case (ordinal), <paramref name="c"/> included.</summary>
    public static char[] SameIgnoringCase(char c)
    {
        if (char.IsSurrogate(c)) return [c];
        return Classes().TryGetValue(char.ToUpperInvariant(c), out var same) && Array.IndexOf(same, c) >= 0 ? same : [c];
    }

    /// <summary>Chars by upper case, where several equal it ignoring case: built once, in one pass over every char.</summary>
    private static Dictionary<char, char[]> Classes()
    {
        if (_classes is { } done) return done;
        var classes = new Dictionary<char, List<char>>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            char x = (char)c, upper = char.ToUpperInvariant(x);
            if (char.IsSurrogate(x) || !new ReadOnlySpan<char>(in x).Equals(new ReadOnlySpan<char>(in upper), StringComparison.OrdinalIgnoreCase)) continue;
            if (!classes.TryGetValue(upper, out var list)) classes[upper] = list = new();
            list.Add(x);
        }
        var result = classes.Where(kv => kv.Value.Count > 1).ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());
        return Interlocked.CompareExchange(ref _classes, result, null) ?? result;
    }
}
