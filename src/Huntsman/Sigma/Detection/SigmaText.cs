using System.Text;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// A Sigma string value split into literal text and wildcards, following pySigma's SigmaString:
/// a backslash escapes only <c>*</c>, <c>?</c> and <c>\</c>; before any other character (or at the end)
/// it stays a literal backslash.
/// </summary>
internal static class SigmaText
{
    public static List<SigmaPart> Parse(string raw)
    {
        var parts = new List<SigmaPart>();
        var text = new StringBuilder();
        bool escaped = false;
        foreach (var c in raw)
        {
            if (escaped)
            {
                if (c is '*' or '?' or '\\') text.Append(c);
                else text.Append('\\').Append(c);
                escaped = false;
            }
            else if (c == '\\') escaped = true;
            else if (c is '*' or '?')
            {
                Flush(text, parts);
                if (!(c == '*' && parts.Count > 0 && parts[^1].Wildcard == '*')) parts.Add(new SigmaPart("", c));
            }
            else text.Append(c);
        }
        if (escaped) text.Append('\\');
        Flush(text, parts);
        return parts;
    }

    public static List<SigmaPart> Literal(string text) => text.Length == 0 ? [] : [new SigmaPart(text)];

    public static bool HasWildcards(List<SigmaPart> parts) => parts.Exists(p => p.IsWildcard);

    public static string PlainText(List<SigmaPart> parts) => string.Concat(parts.Select(p => p.Text));

    /// <summary>Adds a <c>*</c> on each requested side that does not already have one.</summary>
    public static List<SigmaPart> Wrap(List<SigmaPart> parts, bool start, bool end)
    {
        var r = new List<SigmaPart>(parts.Count + 2);
        if (start && (parts.Count == 0 || parts[0].Wildcard != '*')) r.Add(SigmaPart.Star);
        r.AddRange(parts);
        if (end && (r.Count == 0 || r[^1].Wildcard != '*')) r.Add(SigmaPart.Star);
        return r;
    }

    private static void Flush(StringBuilder text, List<SigmaPart> parts)
    {
        if (text.Length == 0) return;
        parts.Add(new SigmaPart(text.ToString()));
        text.Clear();
    }

    /// <summary>Compiles to the cheapest matcher: equals, contains, startswith, endswith, any or a glob.</summary>
    public static ValueMatcher Compile(List<SigmaPart> parts, bool cased)
    {
        var cmp = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        int wild = parts.Count(p => p.IsWildcard);
        if (wild == 0) return new EqualsMatcher(PlainText(parts), cmp);
        if (parts.Exists(p => p.Wildcard == '?')) return new GlobMatcher(parts, cased);
        if (parts.Count == 1) return new AnyValueMatcher();
        if (parts.Count == 2 && parts[0].IsWildcard) return new EndsWithMatcher(parts[1].Text, cmp);
        if (parts.Count == 2 && parts[1].IsWildcard) return new StartsWithMatcher(parts[0].Text, cmp);
        if (parts.Count == 3 && parts[0].IsWildcard && parts[2].IsWildcard) return new ContainsMatcher(parts[1].Text, cmp);
        return new GlobMatcher(parts, cased);
    }
}
