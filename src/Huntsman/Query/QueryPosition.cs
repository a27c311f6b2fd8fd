namespace Huntsman.Query;

/// <summary>A place in the query text: 0-based <see cref="Index"/>, 1-based <see cref="Line"/> and <see cref="Column"/>.</summary>
public readonly record struct QueryPosition(int Index, int Line, int Column)
{
    public static QueryPosition At(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        int line = 1, lineStart = 0;
        for (int i = 0; i < index; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        return new QueryPosition(index, line, index - lineStart + 1);
    }

    public override string ToString() => $"{Line}:{Column}";
}
