using System.Text.RegularExpressions;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Sigma <c>re</c>: unanchored search. Non-backtracking engine when the pattern allows it, else a
/// backtracking regex with a match timeout; a timeout counts against the rule and is a non-match.
/// The engine is built on first use: building non-backtracking automata for all ~200 corpus regexes
/// up front would dominate rule compile time, and most never see an event of their logsource.
/// </summary>
internal sealed class RegexMatcher(string pattern, RegexOptions flags, TimeSpan timeout, SigmaRuleCounter counter) : ValueMatcher
{
    private Regex? _regex;

    private Regex Build()
    {
        var options = flags | RegexOptions.CultureInvariant;
        Regex regex;
        try { regex = new Regex(pattern, options | RegexOptions.NonBacktracking); }
        catch (NotSupportedException) { regex = new Regex(pattern, options, timeout); }
        return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
    }

    public override bool Matches(string? value, EventScope scope)
    {
        if (value is null) return false;
        var regex = _regex ?? Build();
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
