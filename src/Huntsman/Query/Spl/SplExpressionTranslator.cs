using Huntsman.Query.Sql;
using Huntsman.Query.Syntax;
using ValueType = Huntsman.Query.Sql.ValueType;

namespace Huntsman.Query.Spl;

/// <summary>
/// SPL eval/where expressions. Fields are text that compare as numbers when the other side is a number
/// (as Splunk does); a field that does not exist is null.
/// </summary>
internal sealed class SplExpressionTranslator : ExpressionTranslator
{
    private delegate SqlFragment Builder(SplExpressionTranslator t, CallExpr call, SqlFragment[] args);

    private sealed record Function(int MinArgs, int MaxArgs, Builder Build);

    private static readonly Dictionary<string, Function> Functions = new(StringComparer.Ordinal)
    {
        ["lower"] = new(1, 1, (t, c, a) => new($"lower({AsText(a[0])})", ValueType.String)),
        ["upper"] = new(1, 1, (t, c, a) => new($"upper({AsText(a[0])})", ValueType.String)),
        ["len"] = new(1, 1, (t, c, a) => new($"length({AsText(a[0])})", ValueType.Long)),
        ["substr"] = new(2, 3, (t, c, a) => new(a.Length == 2 ? $"substr({AsText(a[0])}, {a[1].Sql})" : $"substr({AsText(a[0])}, {a[1].Sql}, {a[2].Sql})", ValueType.String)),
        ["replace"] = new(3, 3, (t, c, a) => new($"regexp_replace({AsText(a[0])}, {t.Pattern(c.Args[1], a[1])}, {AsText(a[2])}, 'g')", ValueType.String)),
        ["if"] = new(3, 3, (t, c, a) => new($"CASE WHEN coalesce({t.Bool(c.Args[0], a[0])}, false) THEN {a[1].Sql} ELSE {a[2].Sql} END", Common(a[1], a[2]))),
        ["case"] = new(2, 64, (t, c, a) => t.Case(c, a)),
        ["coalesce"] = new(1, 64, (t, c, a) => new($"coalesce({string.Join(", ", a.Select(AsText))})", ValueType.String)),
        ["round"] = new(1, 2, (t, c, a) => new($"round({Number(a[0])}{(a.Length == 2 ? ", " + a[1].Sql : "")})", ValueType.Real)),
        ["tostring"] = new(1, 1, (t, c, a) => new(AsText(a[0]), ValueType.String)),
        ["tonumber"] = new(1, 1, (t, c, a) => new(Number(a[0]), ValueType.Real)),
        ["strftime"] = new(2, 2, (t, c, a) => new($"strftime({(a[0].Type == ValueType.DateTime ? a[0].Sql : $"to_timestamp({Number(a[0])})::TIMESTAMP")}, {AsText(a[1])})", ValueType.String)),
        ["like"] = new(2, 2, (t, c, a) => new($"coalesce({AsText(a[0])} LIKE {AsText(a[1])}, false)", ValueType.Bool)),
        ["match"] = new(2, 2, (t, c, a) => new($"coalesce(regexp_matches({AsText(a[0])}, {t.Pattern(c.Args[1], a[1])}), false)", ValueType.Bool)),
        ["isnull"] = new(1, 1, (t, c, a) => new($"({a[0].Sql} IS NULL)", ValueType.Bool)),
        ["isnotnull"] = new(1, 1, (t, c, a) => new($"({a[0].Sql} IS NOT NULL)", ValueType.Bool)),
        ["now"] = new(0, 0, (t, c, a) => new(t._nowSql, ValueType.DateTime)),
    };

    private readonly string _nowSql;

    public SplExpressionTranslator(string query, Relation scope, DateTime nowUtc) : base(query, scope)
    {
        _nowSql = SqlText.Timestamp(nowUtc);
    }

    protected override IEnumerable<string> FunctionNames => Functions.Keys;

    private static ValueType Common(SqlFragment a, SqlFragment b) => a.Type == ValueType.Null ? b.Type : a.Type;

    private static string Number(SqlFragment f) => f.Type.IsNumeric() ? f.Sql : $"TRY_CAST({AsText(f)} AS DOUBLE)";

    private string Bool(Expr e, SqlFragment f) =>
        f.Type is ValueType.Bool or ValueType.Null ? f.Sql : throw Error(e.Pos, $"type mismatch: expected a condition, got {f.Type.Describe()}");

    private string Pattern(Expr e, SqlFragment f) =>
        e is LiteralExpr { Kind: LiteralKind.String } lit ? SqlText.Str(SqlText.Re2(lit.Value)) : AsText(f);

    private SqlFragment Case(CallExpr c, SqlFragment[] a)
    {
        if (a.Length % 2 != 0) throw Error(c.Pos, "case() needs condition/value pairs");
        var parts = new List<string>();
        for (int i = 0; i < a.Length; i += 2) parts.Add($"WHEN coalesce({Bool(c.Args[i], a[i])}, false) THEN {a[i + 1].Sql}");
        return new($"CASE {string.Join(" ", parts)} END", a[1].Type);
    }

    protected override SqlFragment Column(ColumnExpr c) =>
        Scope.Find(c.Name) is { } col ? new SqlFragment(SqlText.Ident(col.Name), col.Type) : new SqlFragment("NULL", ValueType.Null);

    protected override SqlFragment? TranslateCall(CallExpr call)
    {
        if (!Functions.TryGetValue(call.Name, out var f)) return null;
        if (call.Args.Count < f.MinArgs || call.Args.Count > f.MaxArgs)
            throw Error(call.Pos, $"{call.Name}() takes {(f.MinArgs == f.MaxArgs ? f.MinArgs.ToString() : $"{f.MinArgs} to {f.MaxArgs}")} arguments, got {call.Args.Count}");
        return f.Build(this, call, call.Args.Select(Translate).ToArray());
    }

    protected override SqlFragment Binary(BinaryExpr b)
    {
        if (b.Op is "==" or "!=" or "<" or ">" or "<=" or ">=")
        {
            var l = Translate(b.Left);
            var r = Translate(b.Right);
            if (l.Type.IsNumeric() != r.Type.IsNumeric() && l.Type != ValueType.Null && r.Type != ValueType.Null)
            {
                // Splunk compares numerically when one side is a number and the other parses as one.
                var op = b.Op == "==" ? "=" : b.Op == "!=" ? "<>" : b.Op;
                return new($"coalesce({Number(l)} {op} {Number(r)}, false)", ValueType.Bool);
            }
        }
        if (b.Op == "+" )
        {
            var l = Translate(b.Left);
            var r = Translate(b.Right);
            if (l.Type == ValueType.String || r.Type == ValueType.String)
            {
                if (l.Type.IsNumeric() || r.Type.IsNumeric()) return new($"({Number(l)} + {Number(r)})", ValueType.Real);
                return new($"concat({AsText(l)}, {AsText(r)})", ValueType.String);
            }
        }
        return base.Binary(b);
    }
}
