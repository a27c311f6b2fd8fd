using System.Text.RegularExpressions;

namespace Huntsman.Query.Sql;

/// <summary>
/// Checks a regular expression literal before it reaches DuckDB (RE2), so a bad pattern is reported
/// at its place in the query instead of failing at run time.
/// </summary>
internal static class RegexCheck
{
    private static readonly Regex Unsupported = new(@"\(\?(?:=|!|<=|<!|>)|\\[1-9]|\(\?[imsx]*-[imsx]*\)|\\[GAZz]\b(?<!\\z)", RegexOptions.CultureInvariant);

    public static void Validate(string query, int pos, string pattern)
    {
        try { _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100)); }
        catch (ArgumentException ex)
        {
            throw new QueryException(query, pos, $"invalid regular expression: {ex.Message}");
        }
        var m = Unsupported.Match(pattern);
        if (m.Success && m.Value is not @"\z" and not @"\A")
            throw new QueryException(query, pos, $"'{m.Value}' is not supported in regular expressions (RE2 has no lookaround or backreferences)");
    }
}
