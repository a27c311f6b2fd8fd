using System.Text.RegularExpressions;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Sigma <c>re</c>: unanchored search. Non-backtracking engine when the pattern allows it, else a
/// backtracking regex with a match timeout; a timeout counts against the rule and is a non-match.
/// The engine is built on first use: building non-backtracking automata for all ~200 corpus regexes
/// up front would dominate rule compile time, and most never see an event of their logsource.
/// A regex used often also gets a compiled backtracking engine, built on a background thread: on command lines it
/// costs a fraction of either other engine (measured: `net\s+user\s+` 141 ns against 1,066 non-backtracking and 302
/// interpreted). It runs under a short timeout and hands an input it cannot finish in time to the safe engine, so the
/// answer is always the safe engine's.
/// </summary>
internal sealed class RegexMatcher(string pattern, RegexOptions flags, TimeSpan timeout, SigmaRuleCounter counter) : ValueMatcher
{
    /// <summary>Uses before the compiled engine is built: compiling every regex up front would cost more than most earn back.</summary>
    private const int CompileAfter = 500;
    private static readonly TimeSpan CompiledTimeout = TimeSpan.FromMilliseconds(20);

    private Regex? _regex;
    private Regex? _compiled;
    private int _uses; // counted loosely (no interlock): it only decides when to compile

    /// <summary>
    /// Text every match contains ignoring case (ordinal), for the prefilter and as a cheap pre-check before the regex:
    /// the pattern's required literal when the regex is case-sensitive, else its longest run of ASCII without k
    /// (whose regex case class also holds the Kelvin sign, which ordinal ignore-case does not equate with k).
    /// </summary>
    public override string? RequiredLiteral => _guard?.Text;

    private readonly IgnoreCaseNeedle? _guard = GuardFor(pattern, flags) is { } guard ? new IgnoreCaseNeedle(guard) : null;

    private static string? GuardFor(string pattern, RegexOptions flags)
    {
        if (RegexLiteral.Required(pattern) is not { } literal) return null;
        return IgnoresCase(pattern, flags) ? IgnoreCaseNeedle.RegexCaseFoldGuard(literal) : literal;
    }

    /// <summary>
    /// Whether some part of the pattern may match ignoring case: the option, or an inline option group naming i
    /// (<c>(?i)</c>, <c>(?mi:…)</c>; a <c>(?-i)</c> counts too, which only costs a shorter guard). A group such as
    /// <c>(?:…)</c> or <c>(?=…)</c> alone leaves the case alone.
    /// </summary>
    private static bool IgnoresCase(string pattern, RegexOptions flags)
    {
        if ((flags & RegexOptions.IgnoreCase) != 0) return true;
        for (int at = pattern.IndexOf("(?", StringComparison.Ordinal); at >= 0; at = pattern.IndexOf("(?", at + 2, StringComparison.Ordinal))
        {
            int end = at + 2;
            while (end < pattern.Length && (char.IsAsciiLetter(pattern[end]) || pattern[end] == '-')) end++;
            if (pattern.AsSpan(at + 2, end - at - 2).Contains('i')) return true;
        }
        return false;
    }

    private Regex Build()
    {
        var options = flags | RegexOptions.CultureInvariant;
        Regex regex;
        if (HasCountedRepetition(pattern)) regex = new Regex(pattern, options, timeout);
        else
            try { regex = new Regex(pattern, options | RegexOptions.NonBacktracking); }
            catch (NotSupportedException) { regex = new Regex(pattern, options, timeout); }
        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
    }

    private void CompileInBackground(Regex safe) => Task.Run(() =>
    {
        var options = (safe.Options & ~RegexOptions.NonBacktracking) | RegexOptions.Compiled;
        Volatile.Write(ref _compiled, new Regex(pattern, options, Min(timeout, CompiledTimeout)));
    });

    internal bool HasCompiledEngine => Volatile.Read(ref _compiled) is not null;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// Counted repetitions (<c>.{1,64}</c>, <c>[a-z0-9]{8}</c>) blow up the non-backtracking automaton: each count is
    /// a state, so one such pattern holds megabytes once it has seen a few events. They run backtracking instead,
    /// where a count bounds the work, still under the match timeout.
    /// </summary>
    private static bool HasCountedRepetition(string p)
    {
        for (int i = p.IndexOf('{'); i >= 0 && i + 1 < p.Length; i = p.IndexOf('{', i + 1))
            if (char.IsAsciiDigit(p[i + 1])) return true;
        return false;
    }

    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present) return false;
        if (_guard is not null && !_guard.IsIn(value)) return false;
        var regex = _regex ?? Build();
        if (_compiled is { } compiled)
        {
            try { return compiled.IsMatch(value); }
            catch (RegexMatchTimeoutException) { } // the safe engine decides
        }
        else if (_uses <= CompileAfter && ++_uses == CompileAfter) CompileInBackground(regex);
        try { return regex.IsMatch(value); }
        catch (RegexMatchTimeoutException)
        {
            counter.RegexTimeout();
            return false;
        }
    }
}

/// <summary>Lets a compiled matcher report per-rule counters back to its rule once the rule exists.</summary>
internal sealed class SigmaRuleCounter
{
    public SigmaRule? Rule { get; set; }
    public void RegexTimeout() => Rule?.CountRegexTimeout();
}
