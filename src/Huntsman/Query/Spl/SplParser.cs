using System.Globalization;
using Huntsman.Query.Syntax;

namespace Huntsman.Query.Spl;

/// <summary>
/// Parses SPL: a search clause, then '|'-separated commands. Each command is lexed on its own range
/// of the text so positions in errors stay exact.
/// </summary>
internal sealed class SplParser : ExpressionParser
{
    internal static readonly string[] Commands = ["search", "where", "eval", "stats", "table", "fields", "sort", "head", "rename", "dedup", "rex"];
    internal static readonly string[] AggregateFunctions = ["count", "dc", "distinct_count", "values", "list", "min", "max", "avg", "mean", "sum"];

    private SplParser(string text, int start, int end) : base(text, new Lexer(text, Dialect.Spl, start, end).ReadAll(), Dialect.Spl) { }

    public static SplQuery Parse(string text)
    {
        var segments = Split(text);
        var (firstStart, firstEnd) = segments[0];
        int searchStart = firstStart;
        var head = text[firstStart..firstEnd].TrimStart();
        if (head.StartsWith("search", StringComparison.Ordinal) && (head.Length == 6 || char.IsWhiteSpace(head[6])))
            searchStart = text.IndexOf("search", firstStart, StringComparison.Ordinal) + 6;
        var search = new SplSearchParser(text, searchStart, firstEnd).Parse();
        var commands = new List<SplCommand>();
        foreach (var (start, end) in segments.Skip(1)) commands.Add(ParseCommand(text, start, end));
        return new SplQuery(search, searchStart, commands);
    }

    /// <summary>Ranges between top-level pipes (pipes inside quotes belong to the string).</summary>
    private static List<(int Start, int End)> Split(string text)
    {
        var result = new List<(int, int)>();
        int start = 0;
        bool quoted = false;
        int quoteStart = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '\\' && i + 1 < text.Length) i++;
                else if (c == '"') quoted = false;
                continue;
            }
            if (c == '"') { quoted = true; quoteStart = i; }
            else if (c == '|') { result.Add((start, i)); start = i + 1; }
        }
        if (quoted) throw new QueryException(text, quoteStart, "unterminated string literal (unbalanced quote)", "close it with \"");
        result.Add((start, text.Length));
        return result;
    }

    private static SplCommand ParseCommand(string text, int start, int end)
    {
        int i = start;
        while (i < end && char.IsWhiteSpace(text[i])) i++;
        int nameStart = i;
        while (i < end && char.IsAsciiLetter(text[i])) i++;
        var name = text[nameStart..i];
        if (name.Length == 0) throw new QueryException(text, nameStart, "a command was expected after '|'", "supported commands: " + string.Join(", ", Commands));
        if (name == "search") return new SplSearchCommand(nameStart, new SplSearchParser(text, i, end).Parse());
        var parser = new SplParser(text, i, end);
        var command = name switch
        {
            "where" => (SplCommand)new SplWhere(nameStart, parser.ParseExpression()),
            "eval" => parser.ParseEval(nameStart),
            "stats" => parser.ParseStats(nameStart),
            "table" => new SplTable(nameStart, parser.ParseFieldList(allowEmpty: false)),
            "fields" => parser.ParseFields(nameStart),
            "sort" => parser.ParseSort(nameStart),
            "head" => new SplHead(nameStart, parser.Current.Kind == TokenKind.Number ? parser.ParseCount() : 10),
            "rename" => parser.ParseRename(nameStart),
            "dedup" => new SplDedup(nameStart, parser.ParseFieldList(allowEmpty: false)),
            "rex" => parser.ParseRex(nameStart),
            _ => throw new QueryException(text, nameStart, $"unknown or unsupported command '{name}'", "supported commands: " + string.Join(", ", Commands)),
        };
        if (parser.Current.Kind != TokenKind.End)
            throw new QueryException(text, parser.Current.Start, $"unexpected {parser.Current} in '{name}'");
        return command;
    }

    private long ParseCount()
    {
        var t = Advance();
        if (!long.TryParse(t.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) throw Error(t, $"expected a count but found {t}");
        return n;
    }

    private string ParseField()
    {
        var t = Current;
        if (t.Kind != TokenKind.Identifier && t.Kind != TokenKind.String) throw Error(t, $"expected a field name but found {t}");
        if (Peek().Is("*") && Peek().Start == t.End) throw Error(Peek(), "wildcard field names are not supported", "list the fields by name");
        Advance();
        return t.Text;
    }

    private List<string> ParseFieldList(bool allowEmpty)
    {
        var fields = new List<string>();
        while (Current.Kind is TokenKind.Identifier or TokenKind.String)
        {
            if (Current.IsWord("by") || Current.IsWord("as")) break;
            fields.Add(ParseField());
            if (Current.Is(",")) Advance();
        }
        if (fields.Count == 0 && !allowEmpty) throw Error(Current, $"expected a field name but found {Current}");
        return fields;
    }

    private SplEval ParseEval(int pos)
    {
        var list = new List<(string, Expr)>();
        do
        {
            var name = ParseField();
            Expect("=");
            list.Add((name, ParseExpression()));
        }
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return new SplEval(pos, list);
    }

    private SplStats ParseStats(int pos)
    {
        var aggs = new List<SplAggregate>();
        while (Current.Kind == TokenKind.Identifier && !Current.IsWord("by"))
        {
            var fn = Advance();
            if (!AggregateFunctions.Contains(fn.Text))
                throw Error(fn, $"unknown or unsupported stats function '{fn.Text}'", "supported: " + string.Join(", ", AggregateFunctions));
            string? field = null;
            if (Current.Is("(") && Current.Start == fn.End)
            {
                Advance();
                field = ParseField();
                Expect(")");
            }
            else if (fn.Text != "count") throw Error(Current, $"{fn.Text} needs a field: {fn.Text}(Field)");
            var name = field is null ? fn.Text : $"{fn.Text}({field})";
            if (Current.IsWord("as") || Current.IsWord("AS"))
            {
                Advance();
                name = ParseField();
            }
            aggs.Add(new SplAggregate(fn.Start, fn.Text, field, name));
            if (Current.Is(",")) Advance();
        }
        var by = new List<string>();
        if (Current.IsWord("by") || Current.IsWord("BY"))
        {
            Advance();
            by = ParseFieldList(allowEmpty: false);
        }
        if (aggs.Count == 0) throw Error(pos, "stats needs at least one function", "e.g. stats count by Computer");
        return new SplStats(pos, aggs, by);
    }

    private SplFields ParseFields(int pos)
    {
        bool remove = false;
        if (Current.Is("-")) { Advance(); remove = true; }
        else if (Current.Is("+")) Advance();
        return new SplFields(pos, remove, ParseFieldList(allowEmpty: false));
    }

    private SplSort ParseSort(int pos)
    {
        // Splunk's sort keeps at most 10000 rows unless a count (0 = all) is given.
        long limit = 10000;
        if (Current.Kind == TokenKind.Number) limit = ParseCount();
        var keys = new List<(string, bool)>();
        while (Current.Kind != TokenKind.End)
        {
            bool descending = false;
            if (Current.Is("-")) { Advance(); descending = true; }
            else if (Current.Is("+")) Advance();
            keys.Add((ParseField(), descending));
            if (Current.Is(",")) Advance();
        }
        if (keys.Count == 0) throw Error(pos, "sort needs a field", "e.g. sort -count");
        return new SplSort(pos, limit, keys);
    }

    private SplRename ParseRename(int pos)
    {
        var list = new List<(string, string)>();
        do
        {
            var from = ParseField();
            if (!Current.IsWord("as") && !Current.IsWord("AS")) throw Error(Current, "expected 'as' in rename", "rename Old as New");
            Advance();
            list.Add((from, ParseField()));
        }
        while (Current.Is(",") && Advance().Kind == TokenKind.Symbol);
        return new SplRename(pos, list);
    }

    private SplRex ParseRex(int pos)
    {
        if (!Current.IsWord("field")) throw Error(Current, "rex needs field=<name> (matching _raw is not supported)", "rex field=CommandLine \"(?<name>…)\"");
        Advance();
        Expect("=");
        var field = ParseField();
        var pattern = Current;
        if (pattern.Kind != TokenKind.String) throw Error(pattern, $"expected the regular expression in quotes but found {pattern}");
        Advance();
        return new SplRex(pos, field, pattern.Text, pattern.Start);
    }
}
