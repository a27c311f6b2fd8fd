using System.Text;
using Huntsman.Query.Sql;
using Huntsman.Query.Syntax;
using ValueType = Huntsman.Query.Sql.ValueType;

namespace Huntsman.Query.Spl;

/// <summary>
/// Translates SPL to DuckDB SQL over a wide view of every event: System fields as columns
/// (_time, host, Computer, EventCode, index, sourcetype, …) and each payload field the query names
/// pivoted out of the stored name/value lists.
/// </summary>
internal sealed class SplTranslator
{
    private const string SysmonChannel = "Microsoft-Windows-Sysmon/Operational";

    private static readonly (string Name, string Sql, ValueType Type)[] SystemColumns =
    [
        ("_time", "\"Timestamp\"", ValueType.DateTime),
        ("host", "\"Computer\"", ValueType.String),
        ("Computer", "\"Computer\"", ValueType.String),
        ("index", $"CASE WHEN \"Channel\" = '{SysmonChannel}' THEN 'sysmon' WHEN starts_with(\"Channel\", 'Defender:') THEN 'defender' ELSE 'wineventlog' END", ValueType.String),
        ("sourcetype", "'XmlWinEventLog:' || \"Channel\"", ValueType.String),
        ("source", "\"Channel\"", ValueType.String),
        ("Channel", "\"Channel\"", ValueType.String),
        ("EventCode", "\"EventID\"", ValueType.Long),
        ("EventID", "\"EventID\"", ValueType.Long),
        ("Provider", "\"Provider\"", ValueType.String),
        ("SourceName", "\"Provider\"", ValueType.String),
        ("RecordNumber", "\"RecordId\"", ValueType.Long),
        ("RecordId", "\"RecordId\"", ValueType.Long),
        ("File", "\"File\"", ValueType.String),
    ];

    private readonly string _query;
    private readonly DateTime _now;
    private int _alias;

    public SplTranslator(string query, IReadOnlyDictionary<string, IReadOnlyList<RelationColumn>> tables, DateTime nowUtc)
    {
        _query = query;
        _now = nowUtc;
    }

    private string Alias() => "_s" + (++_alias);

    private QueryException Error(int pos, string reason, string? hint = null) => new(_query, pos, reason, hint);

    public Relation Translate()
    {
        var parsed = SplParser.Parse(_query);
        var fields = new List<string>();
        CollectFields(parsed, fields);
        var rel = Base(fields, parsed.Search);
        foreach (var command in parsed.Commands) rel = Apply(rel, command);
        return rel.Sorted ? rel : DefaultOrder(rel);
    }

    /// <summary>Events come newest first, as in Splunk (then by file and record, to be deterministic).</summary>
    private Relation DefaultOrder(Relation r)
    {
        var order = r.Find("_time") is not null && r.Find("RecordId") is not null && r.Find("File") is not null
            ? "\"_time\" DESC, \"File\", \"RecordId\" DESC" : "ALL";
        return r with { Sql = $"SELECT * FROM ({r.Sql}) AS {Alias()} ORDER BY {order}", Sorted = true };
    }

    private Relation Base(List<string> fields, SearchNode? search)
    {
        var select = new StringBuilder("SELECT ");
        var columns = new List<RelationColumn>();
        foreach (var (name, expression, type) in SystemColumns)
        {
            select.Append(expression).Append(" AS ").Append(SqlText.Ident(name)).Append(", ");
            columns.Add(new(name, type));
        }
        foreach (var f in fields)
        {
            if (columns.Any(c => c.Name == f)) continue;
            select.Append($"\"FieldValues\"[list_position(\"FieldNames\", {SqlText.Str(f)})] AS {SqlText.Ident(f)}, ");
            columns.Add(new(f, ValueType.String));
        }
        select.Append("\"FieldNames\", \"FieldValues\" FROM \"EventStore\"");
        var inner = select.ToString();
        var where = search is null ? "" : " WHERE " + Search(search, columns, freeTextOverPayload: true);
        var sql = $"SELECT * EXCLUDE (\"FieldNames\", \"FieldValues\") FROM ({inner}) AS {Alias()}{where}";
        return new Relation(sql, columns, false);
    }

    private string Search(SearchNode node, IReadOnlyList<RelationColumn> columns, bool freeTextOverPayload) => node switch
    {
        SearchAnd a => "(" + string.Join(" AND ", a.Parts.Select(p => Search(p, columns, freeTextOverPayload))) + ")",
        SearchOr o => "(" + string.Join(" OR ", o.Parts.Select(p => Search(p, columns, freeTextOverPayload))) + ")",
        SearchNot n => $"(NOT coalesce({Search(n.Operand, columns, freeTextOverPayload)}, false))",
        SearchCompare c => Compare(c, columns),
        SearchText t => FreeText(t, columns, freeTextOverPayload),
        _ => throw Error(node.Pos, "unsupported search term"),
    };

    /// <summary>Splunk wildcard value to a LIKE pattern (case-insensitive matching lowercases both sides).</summary>
    private static string LikePattern(string value) => SqlText.Str(SqlText.LikeEscape(value.ToLowerInvariant()).Replace('*', '%'));

    private string Compare(SearchCompare c, IReadOnlyList<RelationColumn> columns)
    {
        string column;
        string value = c.Value;
        if (c.Field == "sourcetype")
        {
            // sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational (or WinEventLog:Security) names a channel.
            foreach (var prefix in new[] { "XmlWinEventLog:", "WinEventLog:" })
                if (value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)) { value = value[prefix.Length..]; break; }
            column = "\"Channel\"";
        }
        else
        {
            var col = columns.FirstOrDefault(x => x.Name == c.Field);
            if (col.Name is null) throw Error(c.Pos, $"unknown field '{c.Field}'");
            column = c.Field == "index" ? "\"index\"" : SqlText.Ident(col.Name);
        }
        var text = $"lower(CAST({column} AS VARCHAR))";
        if (c.Op is "<" or ">" or "<=" or ">=")
        {
            if (double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
                return $"coalesce(TRY_CAST({column} AS DOUBLE) {c.Op} {value}, false)";
            return $"coalesce({text} {c.Op} {SqlText.Str(value.ToLowerInvariant())}, false)";
        }
        var match = value.Contains('*') ? $"{text} LIKE {LikePattern(value)} ESCAPE '\\'" : $"{text} = {SqlText.Str(value.ToLowerInvariant())}";
        // field!=value needs the field to exist (Splunk); NOT field=value also keeps events without it.
        return c.Op == "!=" ? $"({column} IS NOT NULL AND NOT ({match}))" : $"coalesce({match}, false)";
    }

    private static string FreeText(SearchText t, IReadOnlyList<RelationColumn> columns, bool overPayload)
    {
        var pattern = LikePattern(t.Value.Contains('*') ? t.Value : "*" + t.Value + "*");
        var parts = new List<string>();
        if (overPayload) parts.Add($"len(list_filter(\"FieldValues\", lambda v: lower(v) LIKE {pattern} ESCAPE '\\')) > 0");
        foreach (var c in columns)
            if (c.Name is not ("_time" or "index" or "sourcetype" or "source" or "File"))
                parts.Add($"coalesce(lower(CAST({SqlText.Ident(c.Name)} AS VARCHAR)) LIKE {pattern} ESCAPE '\\', false)");
        return "(" + string.Join(" OR ", parts) + ")";
    }

    private SplExpressionTranslator Scalars(Relation scope) => new(_query, scope, _now);

    private Relation Apply(Relation input, SplCommand command) => command switch
    {
        SplSearchCommand s => s.Search is null ? input
            : input with { Sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} WHERE {Search(s.Search, input.Columns, freeTextOverPayload: false)}" },
        SplWhere w => input with { Sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} WHERE {Scalars(input).TranslatePredicate(w.Predicate).Sql}" },
        SplEval e => e.Assignments.Aggregate(input, (rel, a) => Extend(rel, a.Name, Scalars(rel).Translate(a.Value))),
        SplStats s => Stats(input, s),
        SplTable t => Select(input, t.Fields),
        SplFields { Remove: false } f => Select(input, f.Fields),
        SplFields f => Remove(input, f),
        SplSort s => Sort(input, s),
        SplHead h => (input.Sorted ? input : DefaultOrder(input)) is var ordered
            ? ordered with { Sql = $"SELECT * FROM ({ordered.Sql}) AS {Alias()} LIMIT {h.Count}" } : input,
        SplRename r => Rename(input, r),
        SplDedup d => Dedup(input, d),
        SplRex r => Rex(input, r),
        _ => throw Error(command.Pos, "unsupported command"),
    };

    private Relation Extend(Relation input, string name, SqlFragment value)
    {
        bool exists = input.Find(name) is not null;
        var cols = exists ? input.Columns.Select(c => c.Name == name ? c with { Type = value.Type } : c).ToList() : [.. input.Columns, new(name, value.Type)];
        var select = exists ? $"* REPLACE ({value.Sql} AS {SqlText.Ident(name)})" : $"*, {value.Sql} AS {SqlText.Ident(name)}";
        return new Relation($"SELECT {select} FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    private Relation Stats(Relation input, SplStats s)
    {
        var parts = new List<string>();
        var cols = new List<RelationColumn>();
        foreach (var key in s.By)
        {
            var col = input.Find(key);
            parts.Add(col is null ? $"NULL AS {SqlText.Ident(key)}" : SqlText.Ident(key));
            cols.Add(new(key, col?.Type ?? ValueType.String));
        }
        foreach (var agg in s.Aggregates)
        {
            if (cols.Any(c => c.Name == agg.Name)) throw Error(agg.Pos, $"stats output '{agg.Name}' is named twice", "rename one with 'as'");
            string field = agg.Field is null ? "" : input.Find(agg.Field) is { } fc ? SqlText.Ident(fc.Name) : "NULL";
            var fieldType = agg.Field is null ? ValueType.Null : input.Find(agg.Field)?.Type ?? ValueType.Null;
            var number = fieldType.IsNumeric() ? field : $"TRY_CAST({field} AS DOUBLE)";
            (string sql, ValueType type) = agg.Function switch
            {
                "count" => (agg.Field is null ? "count(*)" : $"count({field})", ValueType.Long),
                "dc" or "distinct_count" => ($"count(DISTINCT {field})", ValueType.Long),
                "values" => ($"coalesce(to_json(list(DISTINCT CAST({field} AS VARCHAR) ORDER BY CAST({field} AS VARCHAR)) FILTER (WHERE {field} IS NOT NULL)), '[]'::JSON)", ValueType.Dynamic),
                "list" => ($"coalesce(to_json(list(CAST({field} AS VARCHAR) ORDER BY CAST({field} AS VARCHAR)) FILTER (WHERE {field} IS NOT NULL)), '[]'::JSON)", ValueType.Dynamic),
                "min" or "max" => fieldType == ValueType.DateTime ? ($"{agg.Function}({field})", ValueType.DateTime) : ($"{agg.Function}({number})", ValueType.Real),
                "avg" or "mean" => ($"avg({number})", ValueType.Real),
                "sum" => ($"sum({number})", ValueType.Real),
                _ => throw Error(agg.Pos, $"unsupported stats function '{agg.Function}'"),
            };
            parts.Add($"{sql} AS {SqlText.Ident(agg.Name)}");
            cols.Add(new(agg.Name, type));
        }
        // Splunk drops events that lack a by-field, and returns groups sorted by the by-fields.
        var where = s.By.Count == 0 ? "" : " WHERE " + string.Join(" AND ", s.By.Select(k => input.Find(k) is null ? "false" : $"{SqlText.Ident(k)} IS NOT NULL"));
        var group = s.By.Count == 0 ? "" : " GROUP BY " + string.Join(", ", Enumerable.Range(1, s.By.Count)) + " ORDER BY " + string.Join(", ", Enumerable.Range(1, s.By.Count));
        return new Relation($"SELECT {string.Join(", ", parts)} FROM ({input.Sql}) AS {Alias()}{where}{group}", cols, s.By.Count > 0);
    }

    private Relation Select(Relation input, IReadOnlyList<string> fields)
    {
        var cols = new List<RelationColumn>();
        var parts = new List<string>();
        foreach (var f in fields.Distinct(StringComparer.Ordinal))
        {
            var col = input.Find(f);
            parts.Add(col is null ? $"NULL AS {SqlText.Ident(f)}" : SqlText.Ident(f));
            cols.Add(new(f, col?.Type ?? ValueType.Null));
        }
        return new Relation($"SELECT {string.Join(", ", parts)} FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    private Relation Remove(Relation input, SplFields f)
    {
        var drop = f.Fields.Where(x => input.Find(x) is not null).ToHashSet(StringComparer.Ordinal);
        if (drop.Count == 0) return input;
        var cols = input.Columns.Where(c => !drop.Contains(c.Name)).ToList();
        if (cols.Count == 0) throw Error(f.Pos, "fields - would remove every field");
        return new Relation($"SELECT * EXCLUDE ({string.Join(", ", drop.Select(SqlText.Ident))}) FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    private Relation Sort(Relation input, SplSort s)
    {
        var order = string.Join(", ", s.Keys.Select(k =>
        {
            var col = input.Find(k.Field) ?? throw Error(s.Pos, $"unknown field '{k.Field}' in sort", "fields here: " + string.Join(", ", input.Columns.Select(c => c.Name)));
            // Splunk sorts numbers numerically and text lexicographically.
            var key = col.Type == ValueType.String
                ? $"TRY_CAST({SqlText.Ident(col.Name)} AS DOUBLE) {(k.Descending ? "DESC" : "ASC")} NULLS LAST, {SqlText.Ident(col.Name)}"
                : SqlText.Ident(col.Name);
            return $"{key} {(k.Descending ? "DESC" : "ASC")} NULLS LAST";
        }));
        // Ties keep the order of the remaining columns (ascending), which makes the sort deterministic.
        var rest = input.Columns.Where(c => c.Type != ValueType.Dynamic && !s.Keys.Any(k => k.Field == c.Name)).Select(c => SqlText.Ident(c.Name)).ToList();
        if (rest.Count > 0) order += ", " + string.Join(", ", rest);
        var limit = s.Limit > 0 ? $" LIMIT {s.Limit}" : "";
        return input with { Sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} ORDER BY {order}{limit}", Sorted = true };
    }

    private Relation Rename(Relation input, SplRename r)
    {
        var map = r.Renames.Where(x => input.Find(x.From) is not null).ToDictionary(x => x.From, x => x.To, StringComparer.Ordinal);
        var cols = input.Columns.Where(c => map.ContainsKey(c.Name) || !map.ContainsValue(c.Name))
            .Select(c => map.TryGetValue(c.Name, out var n) ? c with { Name = n } : c).ToList();
        var select = string.Join(", ", input.Columns.Where(c => map.ContainsKey(c.Name) || !map.ContainsValue(c.Name))
            .Select(c => map.TryGetValue(c.Name, out var n) ? $"{SqlText.Ident(c.Name)} AS {SqlText.Ident(n)}" : SqlText.Ident(c.Name)));
        return new Relation($"SELECT {select} FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    /// <summary>Keeps the first event (newest, in search order) for each combination of the fields; events missing one are dropped.</summary>
    private Relation Dedup(Relation input, SplDedup d)
    {
        foreach (var f in d.Fields)
            if (input.Find(f) is null) return input with { Sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} WHERE false" };
        var keys = string.Join(", ", d.Fields.Select(SqlText.Ident));
        var order = input.Find("_time") is not null && input.Find("RecordId") is not null && input.Find("File") is not null
            ? "\"_time\" DESC, \"File\", \"RecordId\" DESC"
            : string.Join(", ", input.Columns.Where(c => c.Type != ValueType.Dynamic).Select(c => SqlText.Ident(c.Name)));
        var notNull = string.Join(" AND ", d.Fields.Select(f => $"{SqlText.Ident(f)} IS NOT NULL"));
        var sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} WHERE {notNull} QUALIFY row_number() OVER (PARTITION BY {keys} ORDER BY {order}) = 1";
        return input with { Sql = sql, Sorted = false };
    }

    /// <summary>rex field=X "(?&lt;name&gt;…)": each named group becomes a field (null when the pattern does not match).</summary>
    private Relation Rex(Relation input, SplRex r)
    {
        var groups = NamedGroups(r.Pattern);
        if (groups.Count == 0) throw Error(r.PatternPos, "rex needs at least one named group (?<name>…)");
        var source = input.Find(r.Field) is { } col ? $"CAST({SqlText.Ident(col.Name)} AS VARCHAR)" : "NULL";
        var pattern = SqlText.Str(SqlText.Re2(r.Pattern));
        var rel = input;
        foreach (var (name, index) in groups)
            rel = Extend(rel, name, new SqlFragment($"nullif(regexp_extract({source}, {pattern}, {index}), '')", ValueType.String));
        return rel;
    }

    /// <summary>Named capture groups with their 1-based group numbers (counting unnamed capturing groups too).</summary>
    internal static List<(string Name, int Index)> NamedGroups(string pattern)
    {
        var result = new List<(string, int)>();
        int group = 0;
        bool inClass = false;
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            if (c == '\\') { i++; continue; }
            if (inClass) { if (c == ']') inClass = false; continue; }
            if (c == '[') { inClass = true; continue; }
            if (c != '(') continue;
            if (i + 1 < pattern.Length && pattern[i + 1] == '?')
            {
                int nameStart = pattern.IndexOf('<', i) is var lt && lt == i + 2 ? i + 3 : pattern.AsSpan(i).StartsWith("(?P<") ? i + 4 : -1;
                if (nameStart < 0 || nameStart >= pattern.Length || pattern[nameStart] is '=' or '!') continue;
                int close = pattern.IndexOf('>', nameStart);
                if (close < 0) continue;
                group++;
                result.Add((pattern[nameStart..close], group));
                continue;
            }
            group++;
        }
        return result;
    }

    /// <summary>Every field the query names, so the base view pivots them out of the payload.</summary>
    private static void CollectFields(SplQuery q, List<string> fields)
    {
        void Add(string? f) { if (f is not null && !fields.Contains(f)) fields.Add(f); }
        void Search(SearchNode? n)
        {
            switch (n)
            {
                case SearchAnd a: foreach (var p in a.Parts) Search(p); break;
                case SearchOr o: foreach (var p in o.Parts) Search(p); break;
                case SearchNot x: Search(x.Operand); break;
                case SearchCompare c when c.Field != "sourcetype": Add(c.Field); break;
            }
        }
        void Expr(Expr? e)
        {
            switch (e)
            {
                case ColumnExpr c: Add(c.Name); break;
                case BinaryExpr b: Expr(b.Left); Expr(b.Right); break;
                case UnaryExpr u: Expr(u.Operand); break;
                case CallExpr c: foreach (var a in c.Args) Expr(a); break;
                case ListOpExpr l: Expr(l.Operand); foreach (var a in l.Items) Expr(a); break;
                case BetweenExpr b: Expr(b.Operand); Expr(b.Low); Expr(b.High); break;
            }
        }
        Search(q.Search);
        foreach (var c in q.Commands)
        {
            switch (c)
            {
                case SplSearchCommand s: Search(s.Search); break;
                case SplWhere w: Expr(w.Predicate); break;
                case SplEval e: foreach (var (_, v) in e.Assignments) Expr(v); break;
                case SplStats s: foreach (var a in s.Aggregates) Add(a.Field); foreach (var b in s.By) Add(b); break;
                case SplTable t: foreach (var f in t.Fields) Add(f); break;
                case SplFields f when !f.Remove: foreach (var x in f.Fields) Add(x); break;
                case SplSort s: foreach (var (f, _) in s.Keys) Add(f); break;
                case SplRename r: foreach (var (f, _) in r.Renames) Add(f); break;
                case SplDedup d: foreach (var f in d.Fields) Add(f); break;
                case SplRex r: Add(r.Field); break;
            }
        }
    }
}
