using System.Text.RegularExpressions;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Sigma <c>re</c>: unanchored search. Non-backtracking engine when the pattern allows it, else a
/// backtracking regex with a match timeout; a timeout counts against the rule and is a non-match.
/// </summary>
internal sealed class RegexMatcher : ValueMatcher
{
    private readonly Regex _regex;
    private readonly SigmaRuleCounter _counter;

    public RegexMatcher(string pattern, RegexOptions flags, TimeSpan timeout, SigmaRuleCounter counter)
    {
        _counter = counter;
        var options = flags | RegexOptions.CultureInvariant;
        try { _regex = new Regex(pattern, options | RegexOptions.NonBacktracking); }
        catch (NotSupportedException) { _regex = new Regex(pattern, options, timeout); }
        IsBacktracking = (_regex.Options & RegexOptions.NonBacktracking) == 0;
    }

    public bool IsBacktracking { get; }

    public override bool Matches(string? value, EventScope scope)
    {
        if (value is null) return false;
        try { return _regex.IsMatch(value); }
        catch (RegexMatchTimeoutException)
        {
            _counter.RegexTimeout();
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
