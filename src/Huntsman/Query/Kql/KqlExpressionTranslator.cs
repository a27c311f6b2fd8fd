using Huntsman.Query.Sql;
using Huntsman.Query.Syntax;
using ValueType = Huntsman.Query.Sql.ValueType;

namespace Huntsman.Query.Kql;

/// <summary>KQL scalar functions as a table: name → (argument count, SQL builder).</summary>
internal sealed class KqlExpressionTranslator : ExpressionTranslator
{
    private delegate SqlFragment Builder(KqlExpressionTranslator t, CallExpr call, SqlFragment[] args);

    private sealed record Function(int MinArgs, int MaxArgs, Builder Build);

    private static readonly Dictionary<string, Function> Functions = new(StringComparer.Ordinal)
    {
        ["isempty"] = new(1, 1, (t, c, a) => new($"({a[0].Sql} IS NULL OR {AsText(a[0])} = '')", ValueType.Bool)),
        ["isnotempty"] = new(1, 1, (t, c, a) => new($"({a[0].Sql} IS NOT NULL AND {AsText(a[0])} <> '')", ValueType.Bool)),
        ["isnull"] = new(1, 1, (t, c, a) => new($"({a[0].Sql} IS NULL)", ValueType.Bool)),
        ["isnotnull"] = new(1, 1, (t, c, a) => new($"({a[0].Sql} IS NOT NULL)", ValueType.Bool)),
        ["not"] = new(1, 1, (t, c, a) => new($"(NOT coalesce({t.Bool(c.Args[0], a[0])}, false))", ValueType.Bool)),
        ["tolower"] = new(1, 1, (t, c, a) => new($"lower({AsText(a[0])})", ValueType.String)),
        ["toupper"] = new(1, 1, (t, c, a) => new($"upper({AsText(a[0])})", ValueType.String)),
        ["strlen"] = new(1, 1, (t, c, a) => new($"length({AsText(a[0])})", ValueType.Long)),
        ["strcat"] = new(1, 64, (t, c, a) => new($"concat({string.Join(", ", a.Select(AsText))})", ValueType.String)),
        ["substring"] = new(2, 3, (t, c, a) => new(a.Length == 2
            ? $"substr({AsText(a[0])}, ({a[1].Sql}) + 1)" : $"substr({AsText(a[0])}, ({a[1].Sql}) + 1, {a[2].Sql})", ValueType.String)),
        ["split"] = new(2, 3, (t, c, a) => new(a.Length == 2
            ? $"to_json(string_split({AsText(a[0])}, {AsText(a[1])}))"
            : $"to_json([string_split({AsText(a[0])}, {AsText(a[1])})[({a[2].Sql}) + 1]])", ValueType.Dynamic)),
        ["extract"] = new(3, 3, (t, c, a) => new(
            $"nullif(regexp_extract({AsText(a[2])}, {t.Pattern(c.Args[0], a[0])}, {a[1].Sql}), '')", ValueType.String)),
        ["replace_string"] = new(3, 3, (t, c, a) => new($"replace({AsText(a[0])}, {AsText(a[1])}, {AsText(a[2])})", ValueType.String)),
        ["replace_regex"] = new(3, 3, (t, c, a) => new($"regexp_replace({AsText(a[0])}, {t.Pattern(c.Args[1], a[1])}, {AsText(a[2])}, 'g')", ValueType.String)),
        ["trim"] = new(2, 2, (t, c, a) => new($"regexp_replace(regexp_replace({AsText(a[1])}, '^(' || {AsText(a[0])} || ')+', ''), '(' || {AsText(a[0])} || ')+$', '')", ValueType.String)),
        ["parse_json"] = new(1, 1, (t, c, a) => new($"TRY_CAST({AsText(a[0])} AS JSON)", ValueType.Dynamic)),
        ["todynamic"] = new(1, 1, (t, c, a) => new($"TRY_CAST({AsText(a[0])} AS JSON)", ValueType.Dynamic)),
        ["tostring"] = new(1, 1, (t, c, a) => new(AsText(a[0]), ValueType.String)),
        ["toint"] = new(1, 1, (t, c, a) => new($"TRY_CAST({ToNumberText(a[0])} AS INTEGER)", ValueType.Long)),
        ["tolong"] = new(1, 1, (t, c, a) => new($"TRY_CAST({ToNumberText(a[0])} AS BIGINT)", ValueType.Long)),
        ["todouble"] = new(1, 1, (t, c, a) => new($"TRY_CAST({ToNumberText(a[0])} AS DOUBLE)", ValueType.Real)),
        ["toreal"] = new(1, 1, (t, c, a) => new($"TRY_CAST({ToNumberText(a[0])} AS DOUBLE)", ValueType.Real)),
        ["todatetime"] = new(1, 1, (t, c, a) => new(a[0].Type == ValueType.DateTime ? a[0].Sql : $"TRY_CAST({AsText(a[0])} AS TIMESTAMP)", ValueType.DateTime)),
        ["ago"] = new(1, 1, (t, c, a) => new($"({t.NowSql} - {t.Typed(c.Args[0], a[0], ValueType.TimeSpan).Sql})", ValueType.DateTime)),
        ["now"] = new(0, 1, (t, c, a) => new(a.Length == 0 ? t.NowSql : $"({t.NowSql} + {t.Typed(c.Args[0], a[0], ValueType.TimeSpan).Sql})", ValueType.DateTime)),
        ["bin"] = new(2, 2, (t, c, a) => t.Bin(c, a)),
        ["floor"] = new(2, 2, (t, c, a) => t.Bin(c, a)),
        ["iff"] = new(3, 3, (t, c, a) => t.Case(c, a)),
        ["iif"] = new(3, 3, (t, c, a) => t.Case(c, a)),
        ["case"] = new(3, 63, (t, c, a) => t.Case(c, a)),
        ["coalesce"] = new(1, 64, (t, c, a) => new($"coalesce({string.Join(", ", a.Select(x => x.Sql))})", a[0].Type)),
        ["abs"] = new(1, 1, (t, c, a) => new($"abs({t.Typed(c.Args[0], a[0], ValueType.Long, ValueType.Real).Sql})", a[0].Type)),
        ["round"] = new(1, 2, (t, c, a) => new($"round({string.Join(", ", a.Select(x => x.Sql))})", ValueType.Real)),
        ["array_length"] = new(1, 1, (t, c, a) => new($"json_array_length({a[0].Sql})", ValueType.Long)),
        ["hash_md5"] = new(1, 1, (t, c, a) => new($"md5({AsText(a[0])})", ValueType.String)),
        ["datetime_diff"] = new(3, 3, (t, c, a) => new($"date_diff({AsText(a[0])}, {a[2].Sql}, {a[1].Sql})", ValueType.Long)),
        ["startofday"] = new(1, 1, (t, c, a) => new($"date_trunc('day', {t.Typed(c.Args[0], a[0], ValueType.DateTime).Sql})", ValueType.DateTime)),
        ["dayofweek"] = new(1, 1, (t, c, a) => new($"to_days(dayofweek({t.Typed(c.Args[0], a[0], ValueType.DateTime).Sql}))", ValueType.TimeSpan)),
        ["hourofday"] = new(1, 1, (t, c, a) => new($"hour({t.Typed(c.Args[0], a[0], ValueType.DateTime).Sql})", ValueType.Long)),
        ["format_datetime"] = new(2, 2, (t, c, a) => new($"strftime({a[0].Sql}, {AsText(a[1])})", ValueType.String)),
    };

    private readonly IReadOnlyDictionary<string, Expr> _scalarLets;
    private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);

    public KqlExpressionTranslator(string query, Relation scope, IReadOnlyDictionary<string, Expr> scalarLets, DateTime nowUtc)
        : base(query, scope)
    {
        _scalarLets = scalarLets;
        NowSql = SqlText.Timestamp(nowUtc);
    }

    /// <summary>now() is fixed when the query is translated, so one query sees one instant.</summary>
    public string NowSql { get; }

    public static IEnumerable<string> ScalarFunctionNames => Functions.Keys;

    protected override IEnumerable<string> FunctionNames => Functions.Keys.Concat(KqlAggregates.Names);

    protected override SqlFragment Column(ColumnExpr c)
    {
        if (Scope.Find(c.Name) is null && _scalarLets.TryGetValue(c.Name, out var value))
        {
            if (!_expanding.Add(c.Name)) throw Error(c.Pos, $"let '{c.Name}' refers to itself");
            try { return Translate(value); }
            finally { _expanding.Remove(c.Name); }
        }
        return base.Column(c);
    }

    protected override SqlFragment? TranslateCall(CallExpr call)
    {
        if (!Functions.TryGetValue(call.Name, out var f))
        {
            if (KqlAggregates.Names.Contains(call.Name))
                throw Error(call.Pos, $"aggregation '{call.Name}()' is only allowed in summarize");
            return null;
        }
        if (call.Args.Count < f.MinArgs || call.Args.Count > f.MaxArgs)
            throw Error(call.Pos, $"{call.Name}() takes {(f.MinArgs == f.MaxArgs ? f.MinArgs.ToString() : $"{f.MinArgs} to {f.MaxArgs}")} arguments, got {call.Args.Count}");
        var args = call.Args.Select(Translate).ToArray();
        return f.Build(this, call, args);
    }

    private static string ToNumberText(SqlFragment f) => f.Type is ValueType.String or ValueType.Dynamic ? AsText(f) : f.Sql;

    private string Bool(Expr e, SqlFragment f) =>
        f.Type is ValueType.Bool or ValueType.Null ? f.Sql : throw Error(e.Pos, $"type mismatch: expected bool, got {f.Type.Describe()}");

    private SqlFragment Typed(Expr e, SqlFragment f, params ValueType[] allowed) =>
        allowed.Contains(f.Type) || f.Type == ValueType.Null ? f
            : throw Error(e.Pos, $"type mismatch: expected {string.Join(" or ", allowed.Select(a => a.Describe()))}, got {f.Type.Describe()}");

    private string Pattern(Expr e, SqlFragment f) =>
        e is LiteralExpr { Kind: LiteralKind.String } lit ? SqlText.Str(SqlText.Re2(lit.Value)) : Typed(e, f, ValueType.String).Sql;

    /// <summary>bin(time, span) rounds down to a multiple of span since the Unix epoch; bin(number, size) likewise.</summary>
    private SqlFragment Bin(CallExpr c, SqlFragment[] a)
    {
        var value = a[0];
        var size = a[1];
        if (value.Type is ValueType.DateTime or ValueType.TimeSpan)
        {
            if (c.Args[1] is not LiteralExpr { Kind: LiteralKind.TimeSpan } span)
                throw Error(c.Args[1].Pos, $"{c.Name}() on a {value.Type.Describe()} needs a constant timespan size, e.g. 1h");
            var us = span.Value;
            if (us == "0") throw Error(c.Args[1].Pos, "bin size must not be zero");
            return value.Type == ValueType.DateTime
                ? new($"make_timestamp((epoch_us({value.Sql}) // {us}) * {us})", ValueType.DateTime)
                : new($"to_microseconds((epoch_us(TIMESTAMP '1970-01-01' + {value.Sql}) // {us}) * {us})", ValueType.TimeSpan);
        }
        Typed(c.Args[0], value, ValueType.Long, ValueType.Real);
        Typed(c.Args[1], size, ValueType.Long, ValueType.Real);
        return value.Type == ValueType.Long && size.Type == ValueType.Long
            ? new($"(({value.Sql} // {size.Sql}) * {size.Sql})", ValueType.Long)
            : new($"(floor({value.Sql} / {size.Sql}) * {size.Sql})", ValueType.Real);
    }

    /// <summary>iff(c, a, b) and case(c1, v1, c2, v2, …, else).</summary>
    private SqlFragment Case(CallExpr c, SqlFragment[] a)
    {
        if (a.Length % 2 == 0) throw Error(c.Pos, $"{c.Name}() needs condition/value pairs and a final else value");
        var sb = new System.Text.StringBuilder("CASE");
        for (int i = 0; i + 1 < a.Length; i += 2)
            sb.Append(" WHEN coalesce(").Append(Bool(c.Args[i], a[i])).Append(", false) THEN ").Append(a[i + 1].Sql);
        sb.Append(" ELSE ").Append(a[^1].Sql).Append(" END");
        var type = a[1].Type == ValueType.Null ? a[^1].Type : a[1].Type;
        for (int i = 1; i < a.Length; i += 2)
        {
            var t = a[i].Type;
            if (t != type && t != ValueType.Null && !(t.IsNumeric() && type.IsNumeric()))
                throw Error(c.Args[i].Pos, $"type mismatch: {c.Name}() branches must have one type, got {type.Describe()} and {t.Describe()}");
        }
        var last = a[^1].Type;
        if (last != type && last != ValueType.Null && !(last.IsNumeric() && type.IsNumeric()))
            throw Error(c.Args[^1].Pos, $"type mismatch: {c.Name}() branches must have one type, got {type.Describe()} and {last.Describe()}");
        return new(sb.ToString(), type);
    }
}
