using System.Text;

namespace Huntsman.Query.Syntax;

/// <summary>
/// Pull lexer over a range of the query text (a whole KQL query, or one SPL command's expression).
/// Positions are indexes into the full text, so errors point at the right column.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly int _end;
    private readonly Dialect _dialect;
    private int _pos;

    public Lexer(string text, Dialect dialect, int start = 0, int end = -1)
    {
        _text = text;
        _dialect = dialect;
        _pos = start;
        _end = end < 0 ? text.Length : end;
    }

    public List<Token> ReadAll()
    {
        var tokens = new List<Token>();
        while (true)
        {
            var t = Next();
            tokens.Add(t);
            if (t.Kind == TokenKind.End) return tokens;
        }
    }

    private Token Next()
    {
        SkipSpaceAndComments();
        if (_pos >= _end) return new Token(TokenKind.End, "", _end, _end);
        int start = _pos;
        char c = _text[_pos];
        if (c == '@' && _pos + 1 < _end && _text[_pos + 1] is '"' or '\'')
        {
            _pos++;
            return ReadString(start, verbatim: true);
        }
        if (c == '"' || (c == '\'' && !_dialect.SingleQuoteIsField)) return ReadString(start, verbatim: !_dialect.BackslashEscapes);
        if (c == '\'' && _dialect.SingleQuoteIsField)
        {
            var s = ReadString(start, verbatim: true);
            return s with { Kind = TokenKind.Identifier };
        }
        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _end && char.IsAsciiDigit(_text[_pos + 1]) && !(_pos > 0 && _text[_pos - 1] == '.')))
            return ReadNumber(start);
        if (IsIdentStart(c)) return ReadIdentifier(start);
        foreach (var sym in _dialect.Symbols)
        {
            if (string.CompareOrdinal(_text, _pos, sym, 0, sym.Length) == 0 && _pos + sym.Length <= _end)
            {
                _pos += sym.Length;
                return new Token(TokenKind.Symbol, sym, start, _pos);
            }
        }
        throw new QueryException(_text, start, $"unexpected character '{c}'");
    }

    private void SkipSpaceAndComments()
    {
        while (_pos < _end)
        {
            char c = _text[_pos];
            if (char.IsWhiteSpace(c)) { _pos++; continue; }
            if (c == '/' && _pos + 1 < _end && _text[_pos + 1] == '/' && _dialect == Dialect.Kql)
            {
                while (_pos < _end && _text[_pos] != '\n') _pos++;
                continue;
            }
            break;
        }
    }

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c == '$';
    private static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private Token ReadIdentifier(int start)
    {
        _pos++;
        while (_pos < _end && IsIdentPart(_text[_pos])) _pos++;
        // KQL operator names with a dash (project-away, project-rename, ...).
        if (_dialect == Dialect.Kql && _pos < _end - 1 && _text[_pos] == '-' && char.IsAsciiLetter(_text[_pos + 1])
            && _text.AsSpan(start, _pos - start).SequenceEqual("project"))
        {
            _pos++;
            while (_pos < _end && IsIdentPart(_text[_pos])) _pos++;
        }
        return new Token(TokenKind.Identifier, _text[start.._pos], start, _pos);
    }

    private Token ReadNumber(int start)
    {
        while (_pos < _end && char.IsAsciiDigit(_text[_pos])) _pos++;
        if (_pos + 1 < _end && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]))
        {
            _pos++;
            while (_pos < _end && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        if (_pos < _end && (_text[_pos] is 'e' or 'E') && _pos + 1 < _end && (char.IsAsciiDigit(_text[_pos + 1]) || _text[_pos + 1] is '-' or '+'))
        {
            _pos += 2;
            while (_pos < _end && char.IsAsciiDigit(_text[_pos])) _pos++;
        }
        int numberEnd = _pos;
        if (_dialect.TimeSpanLiterals && _pos < _end && char.IsAsciiLetter(_text[_pos]))
        {
            int unitStart = _pos;
            while (_pos < _end && char.IsAsciiLetter(_text[_pos])) _pos++;
            var unit = _text[unitStart.._pos];
            if (!TimeSpanUnits.IsUnit(unit))
                throw new QueryException(_text, unitStart, $"unknown timespan unit '{unit}'", "supported units: d, h, m, s, ms, microsecond, tick");
            return new Token(TokenKind.TimeSpan, _text[start.._pos], start, _pos);
        }
        return new Token(TokenKind.Number, _text[start..numberEnd], start, numberEnd);
    }

    private Token ReadString(int start, bool verbatim)
    {
        char quote = _text[_pos++];
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _end) throw new QueryException(_text, start, "unterminated string literal (unbalanced quote)", $"close it with {quote}");
            char c = _text[_pos++];
            if (c == quote)
            {
                if (verbatim && _pos < _end && _text[_pos] == quote) { sb.Append(quote); _pos++; continue; }
                break;
            }
            if (c == '\\' && !verbatim && _pos < _end)
            {
                char e = _text[_pos++];
                if (_dialect.OnlyQuoteEscapes)
                {
                    // SPL: only \\ and \" are escapes; C:\temp or \d stay as written.
                    if (e is not ('\\' or '"')) sb.Append('\\');
                    sb.Append(e);
                    continue;
                }
                sb.Append(e switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '\\' or '"' or '\'' => e, _ => throw new QueryException(_text, _pos - 2,
                    $"unknown escape sequence '\\{e}' in a string", "double the backslash (\"C:\\\\Windows\") or use a verbatim string @\"C:\\Windows\"") });
                continue;
            }
            sb.Append(c);
        }
        return new Token(TokenKind.String, sb.ToString(), start, _pos);
    }
}
