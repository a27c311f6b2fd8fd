using Huntsman.Query.Kql;
using Huntsman.Query.Spl;
using Huntsman.Query.Store;

namespace Huntsman.Query;

/// <summary>
/// Runs a hunt written in KQL, SPL or SQL against a case: KQL and SPL are parsed by Huntsman and translated
/// to DuckDB SQL (never executed by hand); SQL is passed through.
/// </summary>
public static class HuntQuery
{
    /// <summary>
    /// KQL when the query starts with a table name (or let/union) followed by a pipe; SPL when it starts with
    /// search, index=, sourcetype= or field=value; SQL when it starts with SELECT/WITH/FROM.
    /// </summary>
    public static QueryLanguage Detect(string query, IEnumerable<string> tables)
    {
        var text = query.TrimStart();
        var firstWord = new string(text.TakeWhile(c => char.IsLetterOrDigit(c) || c == '_').ToArray());
        if (firstWord.Equals("select", StringComparison.OrdinalIgnoreCase) || firstWord.Equals("with", StringComparison.OrdinalIgnoreCase)
            || firstWord.Equals("from", StringComparison.OrdinalIgnoreCase))
            return QueryLanguage.Sql;
        if (firstWord is "let" or "union" || tables.Contains(firstWord, StringComparer.Ordinal)) return QueryLanguage.Kql;
        if (firstWord == "search" || text.StartsWith('|')) return QueryLanguage.Spl;
        var rest = text[firstWord.Length..].TrimStart();
        if (firstWord.Length > 0 && (rest.StartsWith('=') || rest.StartsWith("!="))) return QueryLanguage.Spl;
        if (firstWord.Length > 0 && rest.StartsWith('|')) return QueryLanguage.Kql;
        return QueryLanguage.Spl;
    }

    /// <summary>Translates to DuckDB SQL (throws <see cref="QueryException"/> with a position when it cannot).</summary>
    public static string ToSql(CaseStore store, string query, QueryLanguage language = QueryLanguage.Auto, DateTime? nowUtc = null)
    {
        var tables = store.QueryableTables();
        if (language == QueryLanguage.Auto) language = Detect(query, tables.Keys);
        var now = nowUtc ?? DateTime.UtcNow;
        return language switch
        {
            QueryLanguage.Kql => new KqlTranslator(query, tables, now).Translate().Sql,
            QueryLanguage.Spl => new SplTranslator(query, tables, now).Translate().Sql,
            _ => query,
        };
    }

    public static QueryResult Run(CaseStore store, string query, QueryLanguage language = QueryLanguage.Auto, CancellationToken cancel = default)
    {
        if (language == QueryLanguage.Auto) language = Detect(query, store.QueryableTables().Keys);
        var sql = ToSql(store, query, language);
        if (language == QueryLanguage.Sql) return store.Run(sql, cancel);
        try { return store.Run(sql, cancel); }
        catch (DuckDB.NET.Data.DuckDBException ex)
        {
            // A translation DuckDB rejects is a Huntsman bug or an unsupported case: say so, with the SQL.
            throw new InvalidOperationException($"the translated query failed in DuckDB: {ex.Message}\nSQL: {sql}", ex);
        }
    }
}
