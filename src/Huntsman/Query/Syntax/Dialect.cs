namespace Huntsman.Query.Syntax;

/// <summary>
/// The lexical and expression differences between query languages, as a token table
/// (pySigma TextQueryBackend's idea): one lexer and one expression parser serve KQL and SPL.
/// </summary>
internal sealed record Dialect(
    string Name,
    string AndWord,
    string OrWord,
    string? NotWord,
    bool WordsIgnoreCase,
    bool SingleEqualsIsEquality,
    bool DotIsConcat,
    bool SingleQuoteIsField,
    bool BackslashEscapes,
    bool OnlyQuoteEscapes,
    bool TimeSpanLiterals,
    IReadOnlyList<string> Symbols)
{
    public static readonly Dialect Kql = new("KQL", "and", "or", null, false, false, false, false, true, false, true,
        ["==", "!=", "=~", "!~", "<=", ">=", "..", "<", ">", "=", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", "|", ";", ".", "!", "~", ":", "{", "}"]);

    public static readonly Dialect Spl = new("SPL", "AND", "OR", "NOT", false, true, true, true, true, true, false,
        ["==", "!=", "<=", ">=", "<", ">", "=", "+", "-", "*", "/", "%", "(", ")", "[", "]", ",", "|", ".", "!"]);
}
