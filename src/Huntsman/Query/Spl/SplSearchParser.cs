using System.Text;

namespace Huntsman.Query.Spl;

/// <summary>
/// Parses the search clause of SPL: terms joined by implicit AND, explicit AND/OR/NOT and parentheses.
/// Values are barewords or quoted strings (only \\ and \" are escapes, so Windows paths stay as written).
/// </summary>
internal sealed class SplSearchParser
{
    private readonly string _text;
    private readonly int _end;
    private int _pos;

    public SplSearchParser(string text, int start, int end)
    {
        _text = text;
        _pos = start;
        _end = end;
    }

    /// <summary>The search tree, or null when the clause is empty (match everything).</summary>
    public SearchNode? Parse()
    {
        SkipSpace();
        if (_pos >= _end) return null;
        var node = ParseOr();
        SkipSpace();
        if (_pos < _end) throw new QueryException(_text, _pos, _text[_pos] == ')' ? "unbalanced ')'" : $"unexpected '{_text[_pos]}'");
        return node;
    }

    private void SkipSpace()
    {
        while (_pos < _end && char.IsWhiteSpace(_text[_pos])) _pos++;
    }

    private bool AtKeyword(string word)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0 || _pos + word.Length > _end) return false;
        int after = _pos + word.Length;
        return after >= _end || char.IsWhiteSpace(_text[after]) || _text[after] == '(';
    }

    private int _depth;

    private SearchNode ParseOr()
    {
        if (++_depth > Syntax.ExpressionParser.MaxDepth)
            throw new QueryException(_text, _pos, $"search nested deeper than {Syntax.ExpressionParser.MaxDepth} levels");
        try { return ParseOrUnguarded(); }
        finally { _depth--; }
    }

    private SearchNode ParseOrUnguarded()
    {
        int start = _pos;
        var parts = new List<SearchNode> { ParseAnd() };
        while (AtKeyword("OR"))
        {
            _pos += 2;
            parts.Add(ParseAnd());
        }
        return parts.Count == 1 ? parts[0] : new SearchOr(start, parts);
    }

    private SearchNode ParseAnd()
    {
        SkipSpace();
        int start = _pos;
        var parts = new List<SearchNode> { ParseNot() };
        while (true)
        {
            SkipSpace();
            if (_pos >= _end || _text[_pos] == ')' || AtKeyword("OR")) break;
            if (AtKeyword("AND")) _pos += 3;
            parts.Add(ParseNot());
        }
        return parts.Count == 1 ? parts[0] : new SearchAnd(start, parts);
    }

    private SearchNode ParseNot()
    {
        SkipSpace();
        int start = _pos;
        if (AtKeyword("NOT"))
        {
            _pos += 3;
            if (++_depth > Syntax.ExpressionParser.MaxDepth) throw new QueryException(_text, start, $"search nested deeper than {Syntax.ExpressionParser.MaxDepth} levels");
            try { return new SearchNot(start, ParseNot()); }
            finally { _depth--; }
        }
        return ParsePrimary();
    }

    private SearchNode ParsePrimary()
    {
        SkipSpace();
        int start = _pos;
        if (_pos >= _end) throw new QueryException(_text, _pos, "a search term was expected but the search ended", "e.g. index=sysmon Image=\"*rundll32.exe\"");
        if (_text[_pos] == '(')
        {
            _pos++;
            var inner = ParseOr();
            SkipSpace();
            if (_pos >= _end || _text[_pos] != ')') throw new QueryException(_text, start, "unbalanced '(' in the search", "close it with ')'");
            _pos++;
            return inner;
        }
        if (_text[_pos] == '"') return new SearchText(start, ReadQuoted());
        var word = ReadBare(stopAtOperator: true);
        if (word.Length == 0) throw new QueryException(_text, _pos, $"unexpected '{_text[_pos]}' in the search");
        string? op = null;
        foreach (var candidate in new[] { "!=", "<=", ">=", "=", "<", ">" })
            if (string.CompareOrdinal(_text, _pos, candidate, 0, candidate.Length) == 0) { op = candidate; break; }
        if (op is null) return new SearchText(start, word);
        _pos += op.Length;
        if (_pos >= _end || char.IsWhiteSpace(_text[_pos]))
            throw new QueryException(_text, _pos, $"a value was expected after '{word}{op}'", "quote empty or spaced values: Field=\"\"");
        var value = _text[_pos] == '"' ? ReadQuoted() : ReadBare(stopAtOperator: false);
        return new SearchCompare(start, word, op, value);
    }

    private string ReadBare(bool stopAtOperator)
    {
        int start = _pos;
        while (_pos < _end)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c) || c == '(' || c == ')' || c == '"') break;
            if (stopAtOperator && (c is '=' or '<' or '>' || (c == '!' && _pos + 1 < _end && _text[_pos + 1] == '='))) break;
            _pos++;
        }
        return _text[start.._pos];
    }

    private string ReadQuoted()
    {
        int start = _pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _end) throw new QueryException(_text, start, "unterminated string literal (unbalanced quote)", "close it with \"");
            char c = _text[_pos++];
            if (c == '"') return sb.ToString();
            if (c == '\\' && _pos < _end && _text[_pos] is '\\' or '"') c = _text[_pos++];
            sb.Append(c);
        }
    }
}
