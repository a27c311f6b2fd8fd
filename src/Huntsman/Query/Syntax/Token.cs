namespace Huntsman.Query.Syntax;

internal enum TokenKind { End, Identifier, String, Number, TimeSpan, Symbol }

/// <summary>One lexed token: <see cref="Text"/> is the decoded value (string contents, identifier, symbol).</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Start, int End)
{
    public bool Is(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
    public bool IsWord(string word) => Kind == TokenKind.Identifier && Text == word;
    public bool IsWordIgnoreCase(string word) => Kind == TokenKind.Identifier && Text.Equals(word, StringComparison.OrdinalIgnoreCase);
    public override string ToString() => Kind == TokenKind.End ? "end of query" : Kind == TokenKind.String ? $"\"{Text}\"" : $"'{Text}'";
}
