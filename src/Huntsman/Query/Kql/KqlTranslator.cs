using System.Text;
using Huntsman.Query.Sql;
using Huntsman.Query.Syntax;
using ValueType = Huntsman.Query.Sql.ValueType;

namespace Huntsman.Query.Kql;

/// <summary>
/// Translates a parsed KQL query into one DuckDB SELECT: each operator wraps the previous stage
/// as a subquery, tracking the columns and their types so mistakes are reported with a position.
/// </summary>
internal sealed class KqlTranslator
{
    private readonly string _query;
    private readonly IReadOnlyDictionary<string, IReadOnlyList<RelationColumn>> _tables;
    private readonly DateTime _now;
    private readonly Dictionary<string, Expr> _scalarLets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, KqlPipeline> _tabularLets = new(StringComparer.Ordinal);
    private int _alias;

    public KqlTranslator(string query, IReadOnlyDictionary<string, IReadOnlyList<RelationColumn>> tables, DateTime nowUtc)
    {
        _query = query;
        _tables = tables;
        _now = nowUtc;
    }

    public Relation Translate()
    {
        var parsed = KqlParser.Parse(_query, new HashSet<string>(_tables.Keys, StringComparer.Ordinal));
        foreach (var let in parsed.Lets)
        {
            if (let is ScalarLet s) _scalarLets[s.Name] = s.Value;
            else if (let is TabularLet t) _tabularLets[t.Name] = t.Value;
        }
        var result = Pipeline(parsed.Body);
        return result.Sorted ? result : WithDefaultOrder(result);
    }

    private QueryException Error(int pos, string reason, string? hint = null) => new(_query, pos, reason, hint);

    private string Alias() => "_q" + (++_alias);

    private KqlExpressionTranslator Scalars(Relation scope) => new(_query, scope, _scalarLets, _now);

    /// <summary>Output without sort is ordered by time, file and record when those columns survive, else by all columns.</summary>
    internal Relation WithDefaultOrder(Relation r)
    {
        string? time = r.Find("Timestamp") is not null ? "Timestamp" : r.Find("TimeGenerated") is not null ? "TimeGenerated" : null;
        string order = time is not null && r.Find("File") is not null && r.Find("RecordId") is not null
            ? $"{SqlText.Ident(time)}, \"File\", \"RecordId\""
            : "ALL";
        return r with { Sql = $"SELECT * FROM ({r.Sql}) AS {Alias()} ORDER BY {order}", Sorted = true };
    }

    private Relation Pipeline(KqlPipeline p, HashSet<string>? expanding = null)
    {
        var rel = Source(p.Source, expanding ?? new HashSet<string>(StringComparer.Ordinal));
        foreach (var op in p.Operators) rel = Apply(rel, op);
        return rel;
    }

    private Relation Source(KqlSource source, HashSet<string> expanding)
    {
        switch (source)
        {
            case TableSource t when _tabularLets.TryGetValue(t.Name, out var letPipeline):
                if (!expanding.Add(t.Name)) throw Error(t.Pos, $"let '{t.Name}' refers to itself");
                var rel = Pipeline(letPipeline, expanding);
                expanding.Remove(t.Name);
                return rel;
            case TableSource t:
                if (_tables.TryGetValue(t.Name, out var columns))
                    return new Relation($"SELECT * FROM {SqlText.Ident(t.Name)}", columns, false);
                var close = _tables.Keys.FirstOrDefault(k => k.Equals(t.Name, StringComparison.OrdinalIgnoreCase));
                throw Error(t.Pos, $"unknown table '{t.Name}'",
                    close is not null ? $"did you mean '{close}'? (table names are case-sensitive)" : "tables: " + string.Join(", ", _tables.Keys.Order(StringComparer.Ordinal)));
            case NestedSource n:
                return Pipeline(n.Inner, expanding);
            case UnionSource u:
                return Union(u.Parts.Select(part => Pipeline(part, expanding)).ToList());
            default:
                throw Error(source.Pos, "unsupported source");
        }
    }

    private Relation Apply(Relation input, KqlOperator op) => op switch
    {
        WhereOp w => input with { Sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} WHERE {Scalars(input).TranslatePredicate(w.Predicate).Sql}" },
        ProjectOp p => Project(input, p),
        ExtendOp e => e.Columns.Aggregate(input, Extend),
        ProjectAwayOp a => ProjectAway(input, a),
        ProjectRenameOp r => Rename(input, r),
        SummarizeOp s => Summarize(input, s),
        SortOp s => Sort(input, s.Keys, null),
        TopOp t => Sort(input, [t.Key], t.Count),
        TakeOp t => input.Sorted
            ? input with { Sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} LIMIT {t.Count}" }
            : WithDefaultOrder(input) is var ordered ? ordered with { Sql = ordered.Sql + $" LIMIT {t.Count}" } : input,
        DistinctOp d => Distinct(input, d),
        CountOp => new Relation($"SELECT count(*) AS \"Count\" FROM ({input.Sql}) AS {Alias()}", [new("Count", ValueType.Long)], false),
        JoinOp j => Join(input, j),
        UnionOp u => Union([input, .. u.Others.Select(o => Pipeline(o))]),
        _ => throw Error(op.Pos, "unsupported operator"),
    };

    private static string NameOf(NamedExpr n, int index) => n.Name ?? n.Value switch
    {
        ColumnExpr c => c.Name,
        CallExpr { Name: "bin" or "floor", Args: [ColumnExpr c, ..] } => c.Name,
        _ => $"Column{index}",
    };

    private Relation Project(Relation input, ProjectOp p)
    {
        var scalars = Scalars(input);
        var cols = new List<RelationColumn>();
        var sql = new StringBuilder("SELECT ");
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        foreach (var item in p.Columns)
        {
            var name = NameOf(item, ++i);
            if (!seen.Add(name)) throw Error(item.Value.Pos, $"column '{name}' is projected twice", "give it another name: NewName = expression");
            var f = scalars.Translate(item.Value);
            if (cols.Count > 0) sql.Append(", ");
            sql.Append(f.Sql).Append(" AS ").Append(SqlText.Ident(name));
            cols.Add(new(name, f.Type));
        }
        sql.Append(" FROM (").Append(input.Sql).Append(") AS ").Append(Alias());
        return new Relation(sql.ToString(), cols, input.Sorted);
    }

    private Relation Extend(Relation input, NamedExpr item)
    {
        var name = NameOf(item, input.Columns.Count + 1);
        var f = Scalars(input).Translate(item.Value);
        var existing = input.Columns.Any(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
        var cols = existing
            ? input.Columns.Select(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase) ? new RelationColumn(c.Name, f.Type) : c).ToList()
            : [.. input.Columns, new(name, f.Type)];
        var select = existing ? $"* REPLACE ({f.Sql} AS {SqlText.Ident(name)})" : $"*, {f.Sql} AS {SqlText.Ident(name)}";
        return new Relation($"SELECT {select} FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    private RelationColumn Require(Relation input, ColumnExpr c)
    {
        var f = Scalars(input);
        f.Translate(c); // throws the positioned "unknown column" error
        return input.Find(c.Name)!.Value;
    }

    private Relation ProjectAway(Relation input, ProjectAwayOp a)
    {
        var drop = a.Columns.Select(c => Require(input, c).Name).ToHashSet(StringComparer.Ordinal);
        var cols = input.Columns.Where(c => !drop.Contains(c.Name)).ToList();
        if (cols.Count == 0) throw Error(a.Pos, "project-away would remove every column");
        return new Relation($"SELECT * EXCLUDE ({string.Join(", ", drop.Select(SqlText.Ident))}) FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    private Relation Rename(Relation input, ProjectRenameOp r)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (newName, old) in r.Renames) map[Require(input, old).Name] = newName;
        var cols = input.Columns.Select(c => map.TryGetValue(c.Name, out var n) ? c with { Name = n } : c).ToList();
        var select = string.Join(", ", input.Columns.Select(c => map.TryGetValue(c.Name, out var n)
            ? $"{SqlText.Ident(c.Name)} AS {SqlText.Ident(n)}" : SqlText.Ident(c.Name)));
        return new Relation($"SELECT {select} FROM ({input.Sql}) AS {Alias()}", cols, input.Sorted);
    }

    private Relation Summarize(Relation input, SummarizeOp s)
    {
        var scalars = Scalars(input);
        var outCols = new List<RelationColumn>();
        var parts = new List<string>();
        var byNames = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (var key in s.By)
        {
            var name = NameOf(key, ++i);
            if (!byNames.Add(name)) throw Error(key.Value.Pos, $"'{name}' appears twice in 'by'");
            var f = scalars.Translate(key.Value);
            parts.Add($"{f.Sql} AS {SqlText.Ident(name)}");
            outCols.Add(new(name, f.Type));
        }
        var names = new HashSet<string>(byNames, StringComparer.OrdinalIgnoreCase);
        foreach (var agg in s.Aggregates)
        {
            foreach (var (name, f) in KqlAggregates.Translate(_query, agg.Name, agg.Value, scalars, input, byNames))
            {
                var unique = name;
                for (int n = 1; !names.Add(unique); n++) unique = name + n;
                parts.Add($"{f.Sql} AS {SqlText.Ident(unique)}");
                outCols.Add(new(unique, f.Type));
            }
        }
        var groupBy = s.By.Count == 0 ? "" : " GROUP BY " + string.Join(", ", Enumerable.Range(1, s.By.Count));
        return new Relation($"SELECT {string.Join(", ", parts)} FROM ({input.Sql}) AS {Alias()}{groupBy}", outCols, false);
    }

    private Relation Sort(Relation input, IReadOnlyList<SortKey> keys, long? limit)
    {
        var scalars = Scalars(input);
        var order = string.Join(", ", keys.Select(k =>
        {
            var f = scalars.Translate(k.Value);
            // KQL: ascending puts nulls first, descending puts them last.
            bool nullsFirst = k.NullsFirst ?? !k.Descending;
            return $"{f.Sql} {(k.Descending ? "DESC" : "ASC")} NULLS {(nullsFirst ? "FIRST" : "LAST")}";
        }));
        var sql = $"SELECT * FROM ({input.Sql}) AS {Alias()} ORDER BY {order}" + (limit is { } n ? $" LIMIT {n}" : "");
        return input with { Sql = sql, Sorted = true };
    }

    private Relation Distinct(Relation input, DistinctOp d)
    {
        if (d.Columns is [StarExpr]) return input with { Sql = $"SELECT DISTINCT * FROM ({input.Sql}) AS {Alias()}", Sorted = false };
        var project = Project(input, new ProjectOp(d.Pos, d.Columns.Select(c => new NamedExpr(null, c)).ToList()));
        return project with { Sql = "SELECT DISTINCT " + project.Sql["SELECT ".Length..], Sorted = false };
    }

    private Relation Union(List<Relation> parts)
    {
        var cols = new List<RelationColumn>();
        foreach (var part in parts)
            foreach (var c in part.Columns)
                if (!cols.Any(x => x.Name == c.Name)) cols.Add(c);
        var sql = string.Join(" UNION ALL BY NAME ", parts.Select(p => $"SELECT * FROM ({p.Sql}) AS {Alias()}"));
        return new Relation(sql, cols, false);
    }

    private Relation Join(Relation left, JoinOp j)
    {
        var right = Pipeline(j.Right);
        var conditions = new List<string>();
        foreach (var (l, r) in j.On)
        {
            var lName = l is SideColumnExpr sl ? (sl.Left ? sl : throw Error(sl.Pos, "expected $left here")).Name : ((ColumnExpr)l).Name;
            var rName = r is SideColumnExpr sr ? (!sr.Left ? sr : throw Error(sr.Pos, "expected $right here")).Name : ((ColumnExpr)r).Name;
            var lc = left.Find(lName) ?? throw Error(l.Pos, $"unknown column '{lName}' on the left side of the join", "columns: " + string.Join(", ", left.Columns.Select(c => c.Name)));
            var rc = right.Find(rName) ?? throw Error(r.Pos, $"unknown column '{rName}' on the right side of the join", "columns: " + string.Join(", ", right.Columns.Select(c => c.Name)));
            if (lc.Type != rc.Type && !(lc.Type.IsNumeric() && rc.Type.IsNumeric()))
                throw Error(l.Pos, $"type mismatch: join key {lName} is {lc.Type.Describe()} on the left but {rc.Type.Describe()} on the right");
            conditions.Add($"l.{SqlText.Ident(lName)} = r.{SqlText.Ident(rName)}");
        }
        var on = string.Join(" AND ", conditions);
        string leftSql = left.Sql;
        switch (j.Kind)
        {
            case "leftsemi":
                return new Relation($"SELECT l.* FROM ({left.Sql}) AS l SEMI JOIN ({right.Sql}) AS r ON {on}", left.Columns, false);
            case "leftanti" or "anti" or "leftantisemi":
                return new Relation($"SELECT l.* FROM ({left.Sql}) AS l ANTI JOIN ({right.Sql}) AS r ON {on}", left.Columns, false);
            case "innerunique":
                // KQL's default: one left row per key (the first by all columns, to stay deterministic).
                var keys = string.Join(", ", j.On.Select(k => SqlText.Ident(k.Left is SideColumnExpr s ? s.Name : ((ColumnExpr)k.Left).Name)));
                var orderable = left.Columns.Where(c => c.Type != ValueType.Dynamic).Select(c => SqlText.Ident(c.Name)).ToList();
                var order = orderable.Count > 0 ? " ORDER BY " + string.Join(", ", orderable) : "";
                leftSql = $"SELECT * FROM ({left.Sql}) AS {Alias()} QUALIFY row_number() OVER (PARTITION BY {keys}{order}) = 1";
                break;
            case "inner" or "leftouter" or "rightouter" or "fullouter":
                break;
            default:
                throw Error(j.Pos, $"join kind '{j.Kind}' is not supported", "supported: inner, innerunique, leftouter, rightouter, fullouter, leftsemi, leftanti");
        }
        var sqlKind = j.Kind switch { "leftouter" => "LEFT JOIN", "rightouter" => "RIGHT JOIN", "fullouter" => "FULL JOIN", _ => "JOIN" };
        var cols = new List<RelationColumn>(left.Columns);
        var select = new List<string> { "l.*" };
        foreach (var c in right.Columns)
        {
            var name = c.Name;
            for (int n = 1; cols.Any(x => x.Name.Equals(name, StringComparison.OrdinalIgnoreCase)); n++) name = c.Name + n;
            cols.Add(c with { Name = name });
            select.Add($"r.{SqlText.Ident(c.Name)} AS {SqlText.Ident(name)}");
        }
        return new Relation($"SELECT {string.Join(", ", select)} FROM ({leftSql}) AS l {sqlKind} ({right.Sql}) AS r ON {on}", cols, false);
    }
}
