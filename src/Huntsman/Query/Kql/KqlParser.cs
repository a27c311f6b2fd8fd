using System.Globalization;
using Huntsman.Query.Syntax;

namespace Huntsman.Query.Kql;

/// <summary>
/// Parses a KQL query (let statements; a tabular pipeline) into an AST with positions.
/// Needs the table names to tell a tabular let from a scalar one.
/// </summary>
internal sealed class KqlParser : ExpressionParser
{
    internal static readonly string[] Operators =
    [
        "where", "filter", "project", "project-away", "project-rename", "extend", "summarize", "sort", "order", "top",
        "take", "limit", "distinct", "count", "join", "union",
    ];

    private readonly ISet<string> _tables;
    private readonly HashSet<string> _tabularLets = new(StringComparer.Ordinal);

    private KqlParser(string text, ISet<string> tables) : base(text, new Lexer(text, Dialect.Kql).ReadAll(), Dialect.Kql)
    {
        _tables = tables;
    }

    public static KqlQuery Parse(string text, ISet<string> tables) => new KqlParser(text, tables).ParseQuery();

    private KqlQuery ParseQuery()
    {
        var lets = new List<KqlLet>();
        while (Current.IsWord("let"))
        {
            var letToken = Advance();
            var name = ExpectIdentifier("a name after 'let'");
            Expect("=");
            if (StartsTabular())
            {
                lets.Add(new TabularLet(letToken.Start, name, ParsePipeline()));
                _tabularLets.Add(name);
            }
            else lets.Add(new ScalarLet(letToken.Start, name, ParseExpression()));
            if (!Current.Is(";")) throw Error(Current, $"expected ';' after the let statement but found {Current}");
            Advance();
        }
        if (Current.Kind == TokenKind.End) throw Error(Current, "the query has no tabular expression", "start with a table name, e.g. DeviceProcessEvents | take 10");
        var body = ParsePipeline();
        while (Current.Is(";")) Advance();
        if (Current.Kind != TokenKind.End)
            throw Error(Current, $"unexpected {Current} after the end of the query", "operators are separated by '|'");
        return new KqlQuery(lets, body);
    }

    private bool StartsTabular() =>
        Current.Is("(") || Current.IsWord("union")
        || (Current.Kind == TokenKind.Identifier && (_tables.Contains(Current.Text) || _tabularLets.Contains(Current.Text)) && !Peek().Is("("));

    private int _pipelineDepth;

    private KqlPipeline ParsePipeline()
    {
        if (++_pipelineDepth > MaxDepth) throw Error(Current, $"tabular expressions nested deeper than {MaxDepth} levels");
        try { return ParsePipelineUnguarded(); }
        finally { _pipelineDepth--; }
    }

    private KqlPipeline ParsePipelineUnguarded()
    {
        var start = Current;
        KqlSource source;
        if (Current.IsWord("union"))
        {
            Advance();
            source = new UnionSource(start.Start, ParseUnionParts());
        }
        else if (Current.Is("("))
        {
            Advance();
            var inner = ParsePipeline();
            Expect(")");
            source = new NestedSource(start.Start, inner);
        }
        else if (Current.Kind == TokenKind.Identifier)
        {
            source = new TableSource(start.Start, Advance().Text);
        }
        else throw Error(Current, $"expected a table name but found {Current}", "tables: " + string.Join(", ", _tables.Order(StringComparer.Ordinal)));

        var ops = new List<KqlOperator>();
        while (Current.Is("|"))
        {
            Advance();
            ops.Add(ParseOperator());
        }
        return new KqlPipeline(start.Start, source, ops);
    }

    private List<KqlPipeline> ParseUnionParts()
    {
        var parts = new List<KqlPipeline>();
        while (Current.Kind == TokenKind.Identifier && Peek().Is("=") && Current.Text is "kind" or "withsource" or "isfuzzy")
            throw Error(Current, $"union option '{Current.Text}' is not supported", "write: union T1, T2, (T3 | where …)");
        do
        {
            if (Current.Is("("))
            {
                Advance();
                parts.Add(ParsePipeline());
                Expect(")");
            }
            else
            {
                var t = Current;
                var name = ExpectIdentifier("a table name");
                parts.Add(new KqlPipeline(t.Start, new TableSource(t.Start, name), []));
            }
        }
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return parts;
    }

    private KqlOperator ParseOperator()
    {
        var t = Current;
        if (t.Kind != TokenKind.Identifier) throw Error(t, $"expected an operator after '|' but found {t}", "supported operators: " + string.Join(", ", Operators));
        Advance();
        switch (t.Text)
        {
            case "where" or "filter": return new WhereOp(t.Start, ParseExpression());
            case "project": return new ProjectOp(t.Start, ParseNamedList());
            case "extend": return new ExtendOp(t.Start, ParseNamedList());
            case "project-away": return new ProjectAwayOp(t.Start, ParseColumnList());
            case "project-rename": return new ProjectRenameOp(t.Start, ParseRenames());
            case "summarize": return ParseSummarize(t);
            case "sort" or "order":
                if (!Current.IsWord("by")) throw Error(Current, $"expected 'by' after '{t.Text}'");
                Advance();
                return new SortOp(t.Start, ParseSortKeys());
            case "top":
            {
                var n = ParseCount();
                if (!Current.IsWord("by")) throw Error(Current, "expected 'by' after 'top N'");
                Advance();
                return new TopOp(t.Start, n, ParseSortKey());
            }
            case "take" or "limit": return new TakeOp(t.Start, ParseCount());
            case "distinct":
            {
                var cols = new List<Expr>();
                do cols.Add(ParseExpression());
                while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
                return new DistinctOp(t.Start, cols);
            }
            case "count": return new CountOp(t.Start);
            case "join": return ParseJoin(t);
            case "union": return new UnionOp(t.Start, ParseUnionParts());
            default:
                var close = Operators.FirstOrDefault(o => o.Equals(t.Text, StringComparison.OrdinalIgnoreCase));
                throw Error(t, $"unknown or unsupported operator '{t.Text}'",
                    close is not null ? $"did you mean '{close}'? (operators are lowercase)" : "supported operators: " + string.Join(", ", Operators));
        }
    }

    private long ParseCount()
    {
        var t = Current;
        if (t.Kind != TokenKind.Number || !long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw Error(t, $"expected a row count but found {t}");
        Advance();
        return n;
    }

    private List<NamedExpr> ParseNamedList()
    {
        var list = new List<NamedExpr>();
        do list.Add(ParseNamed());
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return list;
    }

    private NamedExpr ParseNamed()
    {
        if (Current.Kind == TokenKind.Identifier && Peek().Is("="))
        {
            var name = Advance().Text;
            Advance();
            return new NamedExpr(name, ParseExpression());
        }
        return new NamedExpr(null, ParseExpression());
    }

    private List<ColumnExpr> ParseColumnList()
    {
        var list = new List<ColumnExpr>();
        do
        {
            var t = Current;
            list.Add(new ColumnExpr(t.Start, ExpectIdentifier("a column name")));
        }
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return list;
    }

    private List<(string, ColumnExpr)> ParseRenames()
    {
        var list = new List<(string, ColumnExpr)>();
        do
        {
            var newName = ExpectIdentifier("the new column name");
            Expect("=");
            var t = Current;
            list.Add((newName, new ColumnExpr(t.Start, ExpectIdentifier("the existing column name"))));
        }
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return list;
    }

    private SummarizeOp ParseSummarize(Token t)
    {
        var aggs = new List<NamedExpr>();
        if (!Current.IsWord("by"))
        {
            do aggs.Add(ParseNamed());
            while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        }
        var by = new List<NamedExpr>();
        if (Current.IsWord("by"))
        {
            Advance();
            by = ParseNamedList();
        }
        if (aggs.Count == 0 && by.Count == 0) throw Error(t, "summarize needs aggregations or a 'by' clause");
        return new SummarizeOp(t.Start, aggs, by);
    }

    private List<SortKey> ParseSortKeys()
    {
        var keys = new List<SortKey>();
        do keys.Add(ParseSortKey());
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return keys;
    }

    private SortKey ParseSortKey()
    {
        var value = ParseExpression();
        bool descending = true;
        if (Current.IsWord("asc")) { Advance(); descending = false; }
        else if (Current.IsWord("desc")) Advance();
        bool? nullsFirst = null;
        if (Current.IsWord("nulls"))
        {
            Advance();
            if (Current.IsWord("first")) nullsFirst = true;
            else if (Current.IsWord("last")) nullsFirst = false;
            else throw Error(Current, "expected 'first' or 'last' after 'nulls'");
            Advance();
        }
        return new SortKey(value, descending, nullsFirst);
    }

    private JoinOp ParseJoin(Token t)
    {
        string kind = "innerunique";
        while (Current.Kind == TokenKind.Identifier && Peek().Is("="))
        {
            var option = Advance();
            Advance();
            var value = ExpectIdentifier($"a value for '{option.Text}'");
            if (option.Text == "kind") kind = value;
            else if (option.Text != "hint") throw Error(option, $"join option '{option.Text}' is not supported", "supported: kind=inner|innerunique|leftouter|leftanti|leftsemi|rightouter|fullouter");
        }
        KqlPipeline right;
        if (Current.Is("("))
        {
            Advance();
            right = ParsePipeline();
            Expect(")");
        }
        else
        {
            var table = Current;
            right = new KqlPipeline(table.Start, new TableSource(table.Start, ExpectIdentifier("the right side of the join")), []);
        }
        if (!Current.IsWord("on")) throw Error(Current, "expected 'on' after the join's right side", "e.g. join kind=inner (T) on Col, or on $left.A == $right.B");
        Advance();
        var on = new List<(Expr, Expr)>();
        do
        {
            var key = ParseExpression();
            switch (key)
            {
                case ColumnExpr c: on.Add((c, c)); break;
                case BinaryExpr { Op: "==", Left: SideColumnExpr, Right: SideColumnExpr } b: on.Add((b.Left, b.Right)); break;
                default: throw Error(key.Pos, "unsupported join condition", "use a column name, or $left.A == $right.B");
            }
        }
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return new JoinOp(t.Start, kind, right, on);
    }
}
