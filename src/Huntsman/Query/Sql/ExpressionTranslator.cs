using System.Globalization;
using Huntsman.Query.Syntax;

namespace Huntsman.Query.Sql;

/// <summary>
/// Translates an expression tree to DuckDB SQL with type checks. Operators follow KQL semantics
/// (== case-sensitive, =~ not, has = whole term); dialects add their function table.
/// </summary>
internal abstract class ExpressionTranslator
{
    protected readonly string Query;
    protected Relation Scope;

    protected ExpressionTranslator(string query, Relation scope)
    {
        Query = query;
        Scope = scope;
    }

    /// <summary>Names of functions this dialect knows (for hints).</summary>
    protected abstract IEnumerable<string> FunctionNames { get; }

    /// <summary>Translates a call, or returns null when the function is unknown.</summary>
    protected abstract SqlFragment? TranslateCall(CallExpr call);

    protected QueryException Error(int pos, string reason, string? hint = null) => new(Query, pos, reason, hint);

    public void SetScope(Relation scope) => Scope = scope;

    public SqlFragment Translate(Expr e) => e switch
    {
        LiteralExpr l => Literal(l),
        ColumnExpr c => Column(c),
        CallExpr call => TranslateCall(call) ?? throw UnknownFunction(call),
        BinaryExpr b => Binary(b),
        UnaryExpr u => Unary(u),
        ListOpExpr l => ListOp(l),
        BetweenExpr b => Between(b),
        MemberExpr m => Member(m),
        IndexExpr i => IndexOf(i),
        StarExpr s => throw Error(s.Pos, "'*' is only allowed as an aggregation argument here"),
        SideColumnExpr s => throw Error(s.Pos, "$left/$right are only allowed in a join's 'on' clause"),
        _ => throw Error(e.Pos, "unsupported expression"),
    };

    public SqlFragment TranslatePredicate(Expr e)
    {
        var f = Translate(e);
        if (f.Type != ValueType.Bool && f.Type != ValueType.Null)
            throw Error(e.Pos, $"type mismatch: a filter must be a bool expression, but this is {f.Type.Describe()}",
                "compare it, e.g. X == \"value\", or use isnotempty(X)");
        return f;
    }

    private QueryException UnknownFunction(CallExpr call)
    {
        var names = FunctionNames.Order(StringComparer.Ordinal).ToList();
        var close = names.FirstOrDefault(n => n.Equals(call.Name, StringComparison.OrdinalIgnoreCase));
        return Error(call.Pos, $"unknown function '{call.Name}'",
            close is not null ? $"did you mean {close}()?" : "supported functions: " + string.Join(", ", names));
    }

    protected virtual SqlFragment Column(ColumnExpr c)
    {
        if (Scope.Find(c.Name) is { } col) return new SqlFragment(SqlText.Ident(col.Name), col.Type);
        var suggestion = Scope.Suggest(c.Name);
        throw Error(c.Pos, $"unknown column '{c.Name}'",
            suggestion is not null ? $"did you mean '{suggestion}'? (column names are case-sensitive)"
                : "columns here: " + string.Join(", ", Scope.Columns.Select(x => x.Name).Take(40)));
    }

    private static SqlFragment Literal(LiteralExpr l) => l.Kind switch
    {
        LiteralKind.String => new(SqlText.Str(l.Value), ValueType.String),
        LiteralKind.Long => new(l.Value, ValueType.Long),
        LiteralKind.Real => new(l.Value + "::DOUBLE", ValueType.Real),
        LiteralKind.Bool => new(l.Value, ValueType.Bool),
        LiteralKind.DateTime => new(SqlText.Timestamp(new DateTime(long.Parse(l.Value, CultureInfo.InvariantCulture), DateTimeKind.Utc)), ValueType.DateTime),
        LiteralKind.TimeSpan => new(SqlText.Interval(long.Parse(l.Value, CultureInfo.InvariantCulture)), ValueType.TimeSpan),
        _ => new("NULL", ValueType.Null),
    };

    /// <summary>A value used as text: strings as they are, other scalars cast (KQL converts implicitly).</summary>
    protected static string AsText(SqlFragment f) => f.Type switch
    {
        ValueType.String or ValueType.Null => f.Sql,
        ValueType.Dynamic => $"json_extract_string({f.Sql}, '$')",
        _ => $"CAST({f.Sql} AS VARCHAR)",
    };

    protected SqlFragment Expect(Expr e, string what, params ValueType[] allowed)
    {
        var f = Translate(e);
        if (f.Type == ValueType.Null || f.Type == ValueType.Dynamic || allowed.Contains(f.Type)) return f;
        throw Error(e.Pos, $"type mismatch: {what} expects {string.Join(" or ", allowed.Select(a => a.Describe()))}, got {f.Type.Describe()}");
    }

    private SqlFragment Unary(UnaryExpr u)
    {
        if (u.Op == "not") return new($"(NOT coalesce({TranslatePredicate(u.Operand).Sql}, false))", ValueType.Bool);
        var f = Expect(u.Operand, "unary minus", ValueType.Long, ValueType.Real, ValueType.TimeSpan);
        return new($"(-{f.Sql})", f.Type);
    }

    protected virtual SqlFragment Binary(BinaryExpr b)
    {
        switch (b.Op)
        {
            case "and":
            case "or":
            {
                var l = TranslatePredicate(b.Left);
                var r = TranslatePredicate(b.Right);
                return new($"({l.Sql} {b.Op.ToUpperInvariant()} {r.Sql})", ValueType.Bool);
            }
            case "==" or "!=" or "<" or ">" or "<=" or ">=":
                return Compare(b);
            case "=~" or "!~":
            {
                var l = Translate(b.Left);
                var r = Translate(b.Right);
                var sql = $"coalesce(lower({AsText(l)}) = lower({AsText(r)}), false)";
                return new(b.Op == "=~" ? sql : $"(NOT {sql})", ValueType.Bool);
            }
            case "+" or "-" or "*" or "/" or "%":
                return Arithmetic(b);
            case ".":
                return new($"concat({AsText(Translate(b.Left))}, {AsText(Translate(b.Right))})", ValueType.String);
            case "matches regex":
            {
                var l = Translate(b.Left);
                var r = Expect(b.Right, "matches regex", ValueType.String);
                var pattern = b.Right is LiteralExpr lit ? SqlText.Str(SqlText.Re2(lit.Value)) : r.Sql;
                return new($"coalesce(regexp_matches({AsText(l)}, {pattern}), false)", ValueType.Bool);
            }
            default:
                return StringOperator(b);
        }
    }

    private SqlFragment Compare(BinaryExpr b)
    {
        var l = Translate(b.Left);
        var r = Translate(b.Right);
        CheckComparable(b, l, r);
        var op = b.Op == "==" ? "=" : b.Op;
        if (l.Type == ValueType.Dynamic && r.Type != ValueType.Dynamic) l = new(AsText(l), ValueType.String);
        if (r.Type == ValueType.Dynamic && l.Type != ValueType.Dynamic) r = new(AsText(r), ValueType.String);
        if (b.Op == "!=") return new($"coalesce({l.Sql} <> {r.Sql}, true)", ValueType.Bool);
        return new($"coalesce({l.Sql} {op} {r.Sql}, false)", ValueType.Bool);
    }

    private void CheckComparable(BinaryExpr b, SqlFragment l, SqlFragment r)
    {
        if (l.Type == r.Type || l.Type is ValueType.Null or ValueType.Dynamic || r.Type is ValueType.Null or ValueType.Dynamic) return;
        if (l.Type.IsNumeric() && r.Type.IsNumeric()) return;
        throw Error(b.Pos, $"type mismatch: cannot compare {l.Type.Describe()} with {r.Type.Describe()} using '{b.Op}'",
            l.Type == ValueType.DateTime || r.Type == ValueType.DateTime ? "use datetime(…) for time literals" : "convert one side with tostring()/tolong()/todouble()");
    }

    private SqlFragment Arithmetic(BinaryExpr b)
    {
        var l = Translate(b.Left);
        var r = Translate(b.Right);
        ValueType? result = (l.Type, r.Type, b.Op) switch
        {
            (ValueType.Long, ValueType.Long, _) => ValueType.Long,
            (var x, var y, _) when x.IsNumeric() && y.IsNumeric() => ValueType.Real,
            (ValueType.DateTime, ValueType.DateTime, "-") => ValueType.TimeSpan,
            (ValueType.DateTime, ValueType.TimeSpan, "+" or "-") => ValueType.DateTime,
            (ValueType.TimeSpan, ValueType.DateTime, "+") => ValueType.DateTime,
            (ValueType.TimeSpan, ValueType.TimeSpan, "+" or "-") => ValueType.TimeSpan,
            (ValueType.TimeSpan, var y, "*" or "/") when y.IsNumeric() => ValueType.TimeSpan,
            (ValueType.Null, _, _) or (_, ValueType.Null, _) => ValueType.Null,
            _ => null,
        };
        if (result is null)
            throw Error(b.Pos, $"type mismatch: '{b.Op}' cannot combine {l.Type.Describe()} and {r.Type.Describe()}",
                l.Type == ValueType.String || r.Type == ValueType.String ? "use strcat() to join strings" : null);
        if (b.Op == "/" && result == ValueType.Long) return new($"({l.Sql} // {r.Sql})", ValueType.Long);
        return new($"({l.Sql} {b.Op} {r.Sql})", result.Value);
    }

    /// <summary>has/contains/startswith/endswith and their _cs and negated forms.</summary>
    private SqlFragment StringOperator(BinaryExpr b)
    {
        bool negated = b.Op.StartsWith('!');
        var op = negated ? b.Op[1..] : b.Op;
        bool caseSensitive = op.EndsWith("_cs", StringComparison.Ordinal);
        if (caseSensitive) op = op[..^3];
        var left = AsText(Translate(b.Left));
        var right = Translate(b.Right);
        string sql = op switch
        {
            "has" => HasTerm(left, b.Right, right, caseSensitive),
            "contains" => caseSensitive ? $"contains({left}, {AsText(right)})" : $"contains(lower({left}), lower({AsText(right)}))",
            "startswith" => caseSensitive ? $"starts_with({left}, {AsText(right)})" : $"starts_with(lower({left}), lower({AsText(right)}))",
            "endswith" => caseSensitive ? $"ends_with({left}, {AsText(right)})" : $"ends_with(lower({left}), lower({AsText(right)}))",
            "hasprefix" => TermEdge(left, b.Right, right, prefix: true),
            "hassuffix" => TermEdge(left, b.Right, right, prefix: false),
            _ => throw Error(b.Pos, $"unsupported operator '{b.Op}'",
                "supported: ==, !=, =~, !~, has, !has, has_cs, contains, !contains, contains_cs, startswith, endswith, matches regex, in, !in, in~, between"),
        };
        sql = $"coalesce({sql}, false)";
        return new(negated ? $"(NOT {sql})" : sql, ValueType.Bool);
    }

    /// <summary>
    /// KQL 'has': the needle occurs as whole terms, i.e. not preceded or followed by an alphanumeric character.
    /// </summary>
    private string HasTerm(string left, Expr rightExpr, SqlFragment right, bool caseSensitive)
    {
        var flags = caseSensitive ? "" : "(?i)";
        var pattern = rightExpr is LiteralExpr lit
            ? SqlText.Str(flags + "(^|[^[:alnum:]])" + SqlText.RegexEscape(lit.Value) + "($|[^[:alnum:]])")
            : $"'{flags}(^|[^[:alnum:]])' || regexp_escape({AsText(right)}) || '($|[^[:alnum:]])'";
        return $"regexp_matches({left}, {pattern})";
    }

    private string TermEdge(string left, Expr rightExpr, SqlFragment right, bool prefix)
    {
        var needle = rightExpr is LiteralExpr lit ? SqlText.Str(SqlText.RegexEscape(lit.Value)) : $"regexp_escape({AsText(right)})";
        return prefix
            ? $"regexp_matches({left}, '(?i)(^|[^[:alnum:]])' || {needle})"
            : $"regexp_matches({left}, '(?i)' || {needle} || '($|[^[:alnum:]])')";
    }

    private SqlFragment ListOp(ListOpExpr l)
    {
        var operand = Translate(l.Operand);
        var items = l.Items.Select(Translate).ToList();
        switch (l.Op)
        {
            case "in" or "!in":
            {
                foreach (var (item, expr) in items.Zip(l.Items))
                    CheckComparable(new BinaryExpr(expr.Pos, "in", l.Operand, expr), operand, item);
                var sql = $"coalesce({operand.Sql} IN ({string.Join(", ", items.Select(i => i.Sql))}), false)";
                return new(l.Op == "in" ? sql : $"(NOT {sql})", ValueType.Bool);
            }
            case "in~" or "!in~":
            {
                var sql = $"coalesce(lower({AsText(operand)}) IN ({string.Join(", ", items.Select(i => $"lower({AsText(i)})"))}), false)";
                return new(l.Op == "in~" ? sql : $"(NOT {sql})", ValueType.Bool);
            }
            case "has_any" or "has_all":
            {
                var text = AsText(operand);
                var parts = items.Zip(l.Items).Select(p => $"coalesce({HasTerm(text, p.Second, p.First, false)}, false)").ToList();
                if (parts.Count == 0) return new("false", ValueType.Bool);
                return new("(" + string.Join(l.Op == "has_any" ? " OR " : " AND ", parts) + ")", ValueType.Bool);
            }
            default:
                throw Error(l.Pos, $"unsupported operator '{l.Op}'");
        }
    }

    private SqlFragment Between(BetweenExpr b)
    {
        var v = Translate(b.Operand);
        var low = Translate(b.Low);
        var high = Translate(b.High);
        // datetime between (start .. 1h) means up to start + 1h.
        if (low.Type == ValueType.DateTime && high.Type == ValueType.TimeSpan) high = new($"({low.Sql} + {high.Sql})", ValueType.DateTime);
        CheckComparable(new BinaryExpr(b.Pos, "between", b.Operand, b.Low), v, low);
        CheckComparable(new BinaryExpr(b.Pos, "between", b.Operand, b.High), v, high);
        var sql = $"coalesce({v.Sql} BETWEEN {low.Sql} AND {high.Sql}, false)";
        return new(b.Negated ? $"(NOT {sql})" : sql, ValueType.Bool);
    }

    private SqlFragment Member(MemberExpr m)
    {
        var target = Translate(m.Target);
        if (target.Type != ValueType.Dynamic)
            throw Error(m.Pos, $"type mismatch: '.{m.Member}' needs a dynamic value (use parse_json()), got {target.Type.Describe()}");
        return new($"json_extract({target.Sql}, {SqlText.Str("$." + m.Member)})", ValueType.Dynamic);
    }

    private SqlFragment IndexOf(IndexExpr i)
    {
        var target = Translate(i.Target);
        if (i.Index is LiteralExpr { Kind: LiteralKind.String } key && target.Type == ValueType.Dynamic)
            return new($"json_extract({target.Sql}, {SqlText.Str("$." + key.Value)})", ValueType.Dynamic);
        var index = Expect(i.Index, "an index", ValueType.Long);
        if (target.Type == ValueType.Dynamic)
            return new($"json_extract({target.Sql}, '$[' || ({index.Sql}) || ']')", ValueType.Dynamic);
        throw Error(i.Pos, $"type mismatch: indexing needs a dynamic value (split(), parse_json()), got {target.Type.Describe()}");
    }
}
