using System.Globalization;

namespace Huntsman.Query.Syntax;

/// <summary>
/// Recursive-descent expression parser shared by KQL and SPL; the <see cref="Dialect"/> token table
/// decides the words for and/or/not, whether '=' compares and whether '.' concatenates.
/// </summary>
internal class ExpressionParser
{
    protected readonly string Text;
    protected readonly List<Token> Tokens;
    protected readonly Dialect Dialect;
    protected int Index;

    /// <summary>KQL string operators that may follow an operand (each also with a leading '!' when negatable).</summary>
    internal static readonly string[] KqlStringOperators =
    [
        "has", "has_cs", "contains", "contains_cs", "startswith", "startswith_cs", "endswith", "endswith_cs",
        "hasprefix", "hassuffix", "has_any", "has_all", "in", "between", "matches",
    ];

    public ExpressionParser(string text, List<Token> tokens, Dialect dialect)
    {
        Text = text;
        Tokens = tokens;
        Dialect = dialect;
    }

    protected Token Current => Tokens[Index];
    protected Token Peek(int ahead = 1) => Tokens[Math.Min(Index + ahead, Tokens.Count - 1)];
    protected Token Advance()
    {
        var t = Tokens[Index];
        if (Index < Tokens.Count - 1) Index++;
        return t;
    }

    protected QueryException Error(int pos, string reason, string? hint = null) => new(Text, pos, reason, hint);
    protected QueryException Error(Token at, string reason, string? hint = null) => new(Text, at.Start, reason, hint);

    protected Token Expect(string symbol)
    {
        if (!Current.Is(symbol)) throw Error(Current, $"expected '{symbol}' but found {Current}");
        return Advance();
    }

    protected string ExpectIdentifier(string what)
    {
        if (Current.Kind != TokenKind.Identifier) throw Error(Current, $"expected {what} but found {Current}");
        return Advance().Text;
    }

    protected bool IsWord(Token t, string word) =>
        Dialect.WordsIgnoreCase ? t.IsWordIgnoreCase(word) : t.IsWord(word);

    /// <summary>Nesting deeper than this is refused, so a crafted query cannot overflow the stack.</summary>
    internal const int MaxDepth = 200;
    private int _depth;

    public Expr ParseExpression()
    {
        if (++_depth > MaxDepth) throw Error(Current, $"expression nested deeper than {MaxDepth} levels");
        try { return ParseOr(); }
        finally { _depth--; }
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (IsWord(Current, Dialect.OrWord))
        {
            var op = Advance();
            left = new BinaryExpr(op.Start, "or", left, ParseAnd());
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (IsWord(Current, Dialect.AndWord))
        {
            var op = Advance();
            left = new BinaryExpr(op.Start, "and", left, ParseNot());
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (Dialect.NotWord is { } not && IsWord(Current, not))
        {
            var op = Advance();
            if (++_depth > MaxDepth) throw Error(op, $"expression nested deeper than {MaxDepth} levels");
            try { return new UnaryExpr(op.Start, "not", ParseNot()); }
            finally { _depth--; }
        }
        return ParseComparison();
    }

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            var t = Current;
            if (t.Kind == TokenKind.Symbol && t.Text is "==" or "!=" or "<" or ">" or "<=" or ">=" or "=~" or "!~")
            {
                Advance();
                left = new BinaryExpr(t.Start, t.Text, left, ParseAdditive());
                continue;
            }
            if (t.Is("=") && Dialect.SingleEqualsIsEquality)
            {
                Advance();
                left = new BinaryExpr(t.Start, "==", left, ParseAdditive());
                continue;
            }
            if (Dialect == Dialect.Kql && TryParseKqlWordOperator(left, out var result))
            {
                left = result;
                continue;
            }
            return left;
        }
    }

    /// <summary>has, !contains, in~, between, matches regex, … (KQL only).</summary>
    private bool TryParseKqlWordOperator(Expr left, out Expr result)
    {
        result = left;
        var t = Current;
        bool negated = false;
        int start = t.Start;
        int look = 0;
        if (t.Is("!") && Peek().Kind == TokenKind.Identifier && Peek().Start == t.End)
        {
            negated = true;
            look = 1;
        }
        var word = Peek(look);
        if (word.Kind != TokenKind.Identifier) return false;
        var name = word.Text;
        bool caseInsensitiveIn = false;
        if (name == "in" && Peek(look + 1).Is("~") && Peek(look + 1).Start == word.End) caseInsensitiveIn = true;
        else if (Array.IndexOf(KqlStringOperators, name) < 0) return false;

        Index += look + 1;
        if (caseInsensitiveIn) Advance();
        var op = (negated ? "!" : "") + name + (caseInsensitiveIn ? "~" : "");
        switch (name)
        {
            case "in":
            case "has_any":
            case "has_all":
                if (name != "in" && negated) throw Error(start, $"'!{name}' is not supported", "use not(x has_any (…))");
                result = new ListOpExpr(start, op, left, ParseParenList());
                return true;
            case "between":
                Expect("(");
                var low = ParseAdditive();
                Expect("..");
                var high = ParseAdditive();
                Expect(")");
                result = new BetweenExpr(start, left, low, high, negated);
                return true;
            case "matches":
                if (negated) throw Error(start, "'!matches regex' is not supported", "use not(x matches regex \"…\")");
                if (!Current.IsWord("regex")) throw Error(Current, "expected 'regex' after 'matches'");
                Advance();
                result = new BinaryExpr(start, "matches regex", left, ParseAdditive());
                return true;
            default:
                result = new BinaryExpr(start, op, left, ParseAdditive());
                return true;
        }
    }

    protected List<Expr> ParseParenList()
    {
        Expect("(");
        var items = new List<Expr>();
        if (!Current.Is(")"))
        {
            do items.Add(ParseExpression());
            while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        }
        Expect(")");
        return items;
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Current.Kind == TokenKind.Symbol && (Current.Text is "+" or "-" || (Current.Text == "." && Dialect.DotIsConcat)))
        {
            var op = Advance();
            left = new BinaryExpr(op.Start, op.Text, left, ParseMultiplicative());
        }
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Current.Kind == TokenKind.Symbol && Current.Text is "*" or "/" or "%")
        {
            var op = Advance();
            left = new BinaryExpr(op.Start, op.Text, left, ParseUnary());
        }
        return left;
    }

    private Expr ParseUnary()
    {
        if (Current.Is("-"))
        {
            var op = Advance();
            if (++_depth > MaxDepth) throw Error(op, $"expression nested deeper than {MaxDepth} levels");
            try { return new UnaryExpr(op.Start, "-", ParseUnary()); }
            finally { _depth--; }
        }
        if (Current.Is("!") && Dialect != Dialect.Kql)
        {
            var op = Advance();
            if (++_depth > MaxDepth) throw Error(op, $"expression nested deeper than {MaxDepth} levels");
            try { return new UnaryExpr(op.Start, "not", ParseUnary()); }
            finally { _depth--; }
        }
        return ParsePostfix(ParsePrimary());
    }

    private Expr ParsePostfix(Expr target)
    {
        while (true)
        {
            if (Current.Is(".") && !Dialect.DotIsConcat && Peek().Kind == TokenKind.Identifier)
            {
                Advance();
                var member = Advance();
                target = new MemberExpr(member.Start, target, member.Text);
                continue;
            }
            if (Current.Is("["))
            {
                var open = Advance();
                var index = ParseExpression();
                Expect("]");
                target = new IndexExpr(open.Start, target, index);
                continue;
            }
            return target;
        }
    }

    protected virtual Expr ParsePrimary()
    {
        var t = Current;
        switch (t.Kind)
        {
            case TokenKind.String:
                Advance();
                return new LiteralExpr(t.Start, LiteralKind.String, t.Text);
            case TokenKind.Number:
                Advance();
                return t.Text.Contains('.') || t.Text.Contains('e') || t.Text.Contains('E')
                    ? new LiteralExpr(t.Start, LiteralKind.Real, t.Text)
                    : long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                        ? new LiteralExpr(t.Start, LiteralKind.Long, t.Text)
                        : throw Error(t, $"number {t.Text} is out of range");
            case TokenKind.TimeSpan:
                Advance();
                return new LiteralExpr(t.Start, LiteralKind.TimeSpan, TimeSpanUnits.Parse(t.Text).ToString(CultureInfo.InvariantCulture));
            case TokenKind.Identifier:
                return ParseIdentifierPrimary();
            case TokenKind.Symbol when t.Text == "(":
                Advance();
                var inner = ParseExpression();
                Expect(")");
                return inner;
            case TokenKind.Symbol when t.Text == "*":
                Advance();
                return new StarExpr(t.Start);
            case TokenKind.End:
                throw Error(t, "expression expected but the query ended");
            default:
                throw Error(t, $"expression expected but found {t}");
        }
    }

    private Expr ParseIdentifierPrimary()
    {
        var t = Advance();
        var name = t.Text;
        if (name is "true" or "false" || (Dialect.WordsIgnoreCase && name.Equals("true", StringComparison.OrdinalIgnoreCase)) || (Dialect.WordsIgnoreCase && name.Equals("false", StringComparison.OrdinalIgnoreCase)))
            return new LiteralExpr(t.Start, LiteralKind.Bool, name.ToLowerInvariant());
        if (name == "null" && Dialect == Dialect.Kql) return new LiteralExpr(t.Start, LiteralKind.Null, "");
        if (Dialect == Dialect.Kql && name is "$left" or "$right")
        {
            Expect(".");
            var col = ExpectIdentifier("a column name");
            return new SideColumnExpr(t.Start, name == "$left", col);
        }
        if (Current.Is("(") && Text[t.Start] != '\'')
        {
            if (Dialect == Dialect.Kql && name is "datetime" or "timespan") return ParseTypedLiteral(t);
            return new CallExpr(t.Start, name, ParseParenList());
        }
        return new ColumnExpr(t.Start, name);
    }

    /// <summary>datetime(2020-01-01 10:00) / datetime("…") / timespan(1h): the text inside the parentheses is raw.</summary>
    private Expr ParseTypedLiteral(Token keyword)
    {
        var open = Expect("(");
        int depth = 1, i = Index;
        while (depth > 0)
        {
            var t = Tokens[i];
            if (t.Kind == TokenKind.End) throw Error(open, "unbalanced parenthesis");
            if (t.Is("(")) depth++;
            if (t.Is(")")) depth--;
            i++;
        }
        var close = Tokens[i - 1];
        var first = Tokens[Index];
        string raw = first.Kind == TokenKind.String && Tokens[Index + 1].Is(")") ? first.Text : Text[open.End..close.Start].Trim();
        Index = i;
        if (keyword.Text == "timespan")
        {
            try { return new LiteralExpr(keyword.Start, LiteralKind.TimeSpan, TimeSpanUnits.Parse(raw).ToString(CultureInfo.InvariantCulture)); }
            catch (Exception ex) when (ex is FormatException or NullReferenceException or IndexOutOfRangeException or ArgumentException)
            { throw Error(first.Start, $"invalid timespan '{raw}'", "e.g. timespan(1h), timespan(30m)"); }
        }
        if (!DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
            throw Error(first.Start, $"invalid datetime '{raw}'", "e.g. datetime(2019-03-17 14:30:00) or datetime(\"2019-03-17T14:30:00Z\")");
        return new LiteralExpr(keyword.Start, LiteralKind.DateTime, dt.Ticks.ToString(CultureInfo.InvariantCulture));
    }
}
