using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Sigma condition grammar (pySigma): or &lt; and &lt; not &lt; x of &lt; parentheses; operators are
/// lower case; quantifiers 1/any/all; <c>them</c> and patterns skip identifiers starting with '_'
/// unless the pattern itself starts with '_'; identifiers may contain '-', patterns may not.
/// </summary>
internal sealed partial class ConditionParser
{
    private readonly List<string> _tokens;
    private readonly IReadOnlyDictionary<string, ConditionNode> _identifiers;
    private readonly string _text;
    private readonly Mark _at;
    private int _pos;

    private ConditionParser(string text, IReadOnlyDictionary<string, ConditionNode> identifiers, Mark at)
    {
        _text = text;
        _identifiers = identifiers;
        _at = at;
        _tokens = Tokenize(text);
    }

    public static ConditionNode Parse(string text, IReadOnlyDictionary<string, ConditionNode> identifiers, Mark at)
    {
        if (text.Contains('|'))
            throw new SigmaRuleException("deprecated aggregation", "the pipe (aggregation) syntax in conditions is deprecated; use a correlation rule", at);
        var p = new ConditionParser(text, identifiers, at);
        if (p._tokens.Count == 0) throw p.Error("empty condition");
        var node = p.ParseOr();
        if (p._pos < p._tokens.Count) throw p.Error($"unexpected '{p._tokens[p._pos]}'");
        return node;
    }

    private SigmaRuleException Error(string what) => new("bad condition", $"bad condition '{_text}': {what}", _at);

    /// <summary>Condition tokens: parentheses, and runs of anything else between whitespace (correlation conditions share it).</summary>
    internal static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        int i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c is '(' or ')') { tokens.Add(c.ToString()); i++; continue; }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not ('(' or ')')) i++;
            tokens.Add(text[start..i]);
        }
        return tokens;
    }

    private string? Peek => _pos < _tokens.Count ? _tokens[_pos] : null;

    private ConditionNode ParseOr()
    {
        var items = new List<ConditionNode> { ParseAnd() };
        while (Peek == "or") { _pos++; items.Add(ParseAnd()); }
        return items.Count == 1 ? items[0] : new OrNode(items.ToArray());
    }

    private ConditionNode ParseAnd()
    {
        var items = new List<ConditionNode> { ParseNot() };
        while (Peek == "and") { _pos++; items.Add(ParseNot()); }
        return items.Count == 1 ? items[0] : new AndNode(items.ToArray());
    }

    private ConditionNode ParseNot()
    {
        if (Peek != "not") return ParsePrimary();
        _pos++;
        return new NotNode(ParseNot());
    }

    private ConditionNode ParsePrimary()
    {
        var t = Peek ?? throw Error("unexpected end");
        _pos++;
        if (t == "(")
        {
            var inner = ParseOr();
            if (Peek != ")") throw Error("missing ')'");
            _pos++;
            return inner;
        }
        if (t is "1" or "any" or "all")
        {
            if (Peek != "of") throw Error($"'{t}' must be followed by 'of'");
            _pos++;
            var target = Peek ?? throw Error("missing pattern after 'of'");
            _pos++;
            return Quantified(t == "all", target);
        }
        if (t is ")" or "and" or "or" or "of" or "them") throw Error($"unexpected '{t}'");
        if (!IdentifierPattern().IsMatch(t)) throw Error($"invalid identifier '{t}'");
        if (!_identifiers.TryGetValue(t, out var node)) throw Error($"detection '{t}' not defined in detections");
        return node;
    }

    private ConditionNode Quantified(bool all, string target)
    {
        List<ConditionNode> matched;
        if (target == "them")
            matched = _identifiers.Where(kv => !kv.Key.StartsWith('_')).Select(kv => kv.Value).ToList();
        else
        {
            if (!PatternSyntax().IsMatch(target)) throw Error($"invalid identifier pattern '{target}'");
            bool underscore = target.StartsWith('_');
            matched = _identifiers.Where(kv => StarMatch(target, kv.Key) && (underscore || !kv.Key.StartsWith('_'))).Select(kv => kv.Value).ToList();
        }
        if (matched.Count == 0) throw Error($"'{target}' matches no search identifier");
        if (matched.Count == 1) return matched[0];
        return all ? new AndNode(matched.ToArray()) : new OrNode(matched.ToArray());
    }

    /// <summary>
    /// Whole-name match of a pattern whose only wildcard is <c>*</c> (any run of characters but a line break, as
    /// <c>.*</c> in the regex pySigma builds), case-sensitive: one greedy pass with single-star backtracking
    /// instead of a Regex per <c>1 of selection_*</c>, which most rules have. Like <c>$</c>, the end may precede a final line break.
    /// </summary>
    internal static bool StarMatch(string pattern, string name) =>
        StarMatch(pattern, name.AsSpan()) || (name.EndsWith('\n') && StarMatch(pattern, name.AsSpan(0, name.Length - 1)));

    private static bool StarMatch(string pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, starP = -1, starN = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && pattern[p] == '*') { starP = p++; starN = n; continue; }
            if (p < pattern.Length && pattern[p] == name[n]) { p++; n++; continue; }
            if (starP < 0 || name[starN] == '\n') return false;
            p = starP + 1;
            n = ++starN;
        }
        while (p < pattern.Length && pattern[p] == '*') p++;
        return p == pattern.Length;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Za-z0-9_*]+$")]
    private static partial Regex PatternSyntax();
}
