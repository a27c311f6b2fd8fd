using System.Globalization;
using System.Text;

namespace Huntsman.Query.Sql;

/// <summary>Quoting for DuckDB SQL: every identifier and literal the user wrote passes through here.</summary>
internal static class SqlText
{
    public static string Ident(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Str(string value) => "'" + value.Replace("'", "''") + "'";

    public static string Timestamp(DateTime utc) =>
        "TIMESTAMP_NS '" + utc.ToString("yyyy-MM-dd HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "'";

    public static string Interval(long microseconds) => $"to_microseconds({microseconds.ToString(CultureInfo.InvariantCulture)}::BIGINT)";

    /// <summary>A LIKE pattern matching the literal text (for contains-style tests built from literals).</summary>
    public static string LikeEscape(string literal)
    {
        var sb = new StringBuilder(literal.Length + 4);
        foreach (var c in literal)
        {
            if (c is '%' or '_' or '\\') sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }

    /// <summary>RE2 (DuckDB) spells named groups (?P&lt;name&gt;…); PCRE/.NET users write (?&lt;name&gt;…).</summary>
    public static string Re2(string pattern) => pattern.Replace("(?<", "(?P<").Replace("(?P<=", "(?<=").Replace("(?P<!", "(?<!");

    public static string RegexEscape(string literal)
    {
        var sb = new StringBuilder(literal.Length + 8);
        foreach (var c in literal)
        {
            if ("\\.^$|?*+()[]{}".Contains(c)) sb.Append('\\');
            sb.Append(c);
        }
        return sb.ToString();
    }
}
