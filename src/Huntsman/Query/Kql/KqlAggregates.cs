using Huntsman.Query.Sql;
using Huntsman.Query.Syntax;
using ValueType = Huntsman.Query.Sql.ValueType;

namespace Huntsman.Query.Kql;

/// <summary>KQL aggregation functions of summarize, each to one or more named SQL aggregates.</summary>
internal static class KqlAggregates
{
    public static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "count", "countif", "dcount", "dcountif", "min", "max", "sum", "avg", "make_set", "make_list", "arg_max", "arg_min", "any", "take_any",
    };

    /// <summary>Output columns of one aggregation; <paramref name="name"/> is the user's alias, if any.</summary>
    public static List<(string Name, SqlFragment Value)> Translate(string query, string? name, Expr expr,
        ExpressionTranslator scalars, Relation input, ISet<string> byNames)
    {
        if (expr is not CallExpr call || !Names.Contains(call.Name))
            throw new QueryException(query, expr.Pos, "summarize expects aggregation functions, e.g. count(), dcount(X), max(X)",
                "supported: " + string.Join(", ", Names.Order(StringComparer.Ordinal)));
        var args = call.Args;
        string ArgName(int i) => i < args.Count && args[i] is ColumnExpr c ? c.Name : "";
        void Arity(int min, int max)
        {
            if (args.Count < min || args.Count > max)
                throw new QueryException(query, call.Pos, $"{call.Name}() takes {(min == max ? $"{min}" : $"{min} to {max}")} arguments, got {args.Count}");
        }
        SqlFragment Arg(int i, string what, params ValueType[] allowed)
        {
            var f = scalars.Translate(args[i]);
            if (allowed.Length > 0 && !allowed.Contains(f.Type) && f.Type != ValueType.Null)
                throw new QueryException(query, args[i].Pos, $"type mismatch: {call.Name}() {what} must be {string.Join(" or ", allowed.Select(a => a.Describe()))}, got {f.Type.Describe()}");
            return f;
        }
        var single = new List<(string, SqlFragment)>();
        switch (call.Name)
        {
            case "count":
                Arity(0, 0);
                single.Add((name ?? "count_", new("count(*)", ValueType.Long)));
                return single;
            case "countif":
            {
                Arity(1, 1);
                var p = scalars.TranslatePredicate(args[0]);
                single.Add((name ?? "countif_", new($"count(*) FILTER (WHERE {p.Sql})", ValueType.Long)));
                return single;
            }
            case "dcount":
                Arity(1, 2);
                single.Add((name ?? "dcount_" + ArgName(0), new($"count(DISTINCT {Arg(0, "argument").Sql})", ValueType.Long)));
                return single;
            case "dcountif":
            {
                Arity(2, 3);
                var p = scalars.TranslatePredicate(args[1]);
                single.Add((name ?? "dcountif_" + ArgName(0), new($"count(DISTINCT {Arg(0, "argument").Sql}) FILTER (WHERE {p.Sql})", ValueType.Long)));
                return single;
            }
            case "min" or "max":
            {
                Arity(1, 1);
                var a = Arg(0, "argument", ValueType.Long, ValueType.Real, ValueType.DateTime, ValueType.TimeSpan, ValueType.String, ValueType.Bool);
                single.Add((name ?? call.Name + "_" + ArgName(0), new($"{call.Name}({a.Sql})", a.Type)));
                return single;
            }
            case "sum" or "avg":
            {
                Arity(1, 1);
                var a = Arg(0, "argument", ValueType.Long, ValueType.Real, ValueType.TimeSpan);
                var type = call.Name == "avg" && a.Type == ValueType.Long ? ValueType.Real : a.Type;
                var sql = call.Name == "sum" && a.Type == ValueType.Long ? $"CAST(sum({a.Sql}) AS BIGINT)" : $"{call.Name}({a.Sql})";
                single.Add((name ?? call.Name + "_" + ArgName(0), new(sql, type)));
                return single;
            }
            case "make_set" or "make_list":
            {
                Arity(1, 2);
                var a = Arg(0, "argument");
                var distinct = call.Name == "make_set" ? "DISTINCT " : "";
                // Sorted so the result is deterministic (KQL leaves the order unspecified).
                var sql = $"coalesce(to_json(list({distinct}{a.Sql} ORDER BY {a.Sql}) FILTER (WHERE {a.Sql} IS NOT NULL)), '[]'::JSON)";
                single.Add((name ?? call.Name + "_" + ArgName(0), new(sql, ValueType.Dynamic)));
                return single;
            }
            case "arg_max" or "arg_min" or "any" or "take_any":
                return RowPicker(query, name, call, scalars, input, byNames);
            default:
                throw new QueryException(query, call.Pos, $"aggregation '{call.Name}' is not supported");
        }
    }

    /// <summary>
    /// arg_max(By, cols…|*) and any(cols…): the columns of one row chosen per group
    /// (by the extreme of By; any() picks the row with the smallest first column, deterministically).
    /// </summary>
    private static List<(string, SqlFragment)> RowPicker(string query, string? name, CallExpr call, ExpressionTranslator scalars,
        Relation input, ISet<string> byNames)
    {
        bool isAny = call.Name is "any" or "take_any";
        if (call.Args.Count < (isAny ? 1 : 2))
            throw new QueryException(query, call.Pos, isAny ? $"{call.Name}() needs at least one column" : $"{call.Name}() needs the column to maximise and the columns to return, e.g. {call.Name}(Timestamp, *)");
        var result = new List<(string, SqlFragment)>();
        var taken = new HashSet<string>(byNames, StringComparer.Ordinal);
        var keyExpr = call.Args[0] is StarExpr ? null : call.Args[0];
        SqlFragment key = keyExpr is null ? default : scalars.Translate(keyExpr);
        string pick = call.Name == "arg_min" || isAny ? "arg_min" : "arg_max";
        int first = 0;
        if (!isAny)
        {
            var keyName = name ?? (keyExpr is ColumnExpr c ? c.Name : call.Name + "_");
            result.Add((keyName, new($"{(pick == "arg_max" ? "max" : "min")}({key.Sql})", key.Type)));
            taken.Add(keyName);
            first = 1;
        }
        for (int i = first; i < call.Args.Count; i++)
        {
            var arg = call.Args[i];
            IEnumerable<(string Name, SqlFragment Value)> columns = arg is StarExpr
                ? input.Columns.Where(c => !taken.Contains(c.Name)).Select(c => (c.Name, new SqlFragment(SqlText.Ident(c.Name), c.Type)))
                : [(arg is ColumnExpr c ? c.Name : $"{call.Name}_{i}", scalars.Translate(arg))];
            foreach (var (colName, value) in columns)
            {
                if (!taken.Add(colName)) continue;
                if (isAny && result.Count == 0)
                {
                    key = value;
                    result.Add((name ?? colName, new($"min({value.Sql})", value.Type)));
                    continue;
                }
                result.Add((colName, new($"{pick}({value.Sql}, {key.Sql})", value.Type)));
            }
        }
        return result;
    }
}
