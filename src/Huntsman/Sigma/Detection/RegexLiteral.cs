using System.Text;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Finds text every match of a regex must contain, for the literal prefilter: the longest run of
/// plain characters in the pattern's top-level sequence. Conservative: a top-level alternation, or
/// anything it does not understand, yields null.
/// </summary>
internal static class RegexLiteral
{
    public static string? Required(string pattern)
    {
        if (pattern.Contains("(?") && System.Text.RegularExpressions.Regex.IsMatch(pattern, @"\(\?[a-zA-Z-]*x")) return null; // free-spacing mode
        string best = "";
        var run = new StringBuilder();
        void EndRun()
        {
            if (run.Length > best.Length) best = run.ToString();
            run.Clear();
        }
        int i = 0;
        while (i < pattern.Length)
        {
            char c = pattern[i];
            if (c == '|') return null;
            if (c == '(')
            {
                EndRun();
                int depth = 0;
                for (; i < pattern.Length; i++)
                {
                    if (pattern[i] == '\\') { i++; continue; }
                    if (pattern[i] == '(') depth++;
                    else if (pattern[i] == ')' && --depth == 0) break;
                }
                if (depth != 0) return null;
                i++;
                SkipQuantifier(pattern, ref i);
                continue;
            }
            if (c == '[')
            {
                EndRun();
                i++;
                if (i < pattern.Length && pattern[i] == '^') i++;
                if (i < pattern.Length && pattern[i] == ']') i++;
                while (i < pattern.Length && pattern[i] != ']') { if (pattern[i] == '\\') i++; i++; }
                if (i >= pattern.Length) return null;
                i++;
                SkipQuantifier(pattern, ref i);
                continue;
            }
            char? literal = null;
            int next = i + 1;
            if (c == '\\')
            {
                if (next >= pattern.Length) return null;
                char e = pattern[next];
                next++;
                if (!char.IsLetterOrDigit(e)) literal = e; // \. \\ \( … are the character itself
                else if (e is 'x' or 'u' or 'c' or 'p' or 'P' or 'k' || char.IsDigit(e)) return null; // not worth decoding
            }
            else if (c is not ('.' or '^' or '$' or '*' or '+' or '?' or '{' or ')')) literal = c;
            else if (c is '*' or '+' or '?' or '{' or ')') return null; // stray quantifier or paren: not understood
            if (literal is null)
            {
                EndRun();
                i = next;
                SkipQuantifier(pattern, ref i);
                continue;
            }
            // A quantifier that allows zero (or many) copies makes this character optional or repeated.
            if (next < pattern.Length && pattern[next] is '*' or '?' or '{' or '+')
            {
                bool atLeastOne = pattern[next] == '+' || (pattern[next] == '{' && next + 1 < pattern.Length && pattern[next + 1] is >= '1' and <= '9');
                if (atLeastOne) run.Append(literal.Value);
                EndRun();
                i = next;
                SkipQuantifier(pattern, ref i);
                continue;
            }
            run.Append(literal.Value);
            i = next;
        }
        EndRun();
        return best.Length > 0 ? best : null;
    }

    private static void SkipQuantifier(string p, ref int i)
    {
        if (i >= p.Length) return;
        if (p[i] is '*' or '+' or '?') i++;
        else if (p[i] == '{')
        {
            int close = p.IndexOf('}', i);
            i = close < 0 ? p.Length : close + 1;
        }
        if (i < p.Length && p[i] is '?' or '+') i++; // lazy / possessive
    }
}
