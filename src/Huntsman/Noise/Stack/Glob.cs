namespace Huntsman.Noise.Stack;

/// <summary>Case-insensitive matching where '*' stands for any run of characters (no regex, no allocation).</summary>
internal static class Glob
{
    public static bool IsMatch(ReadOnlySpan<char> text, ReadOnlySpan<char> pattern)
    {
        int star = pattern.IndexOf('*');
        if (star < 0) return text.Equals(pattern, StringComparison.OrdinalIgnoreCase);
        var head = pattern[..star];
        if (!text.StartsWith(head, StringComparison.OrdinalIgnoreCase)) return false;
        text = text[head.Length..];
        pattern = pattern[(star + 1)..];
        // Every middle piece must appear in order; the last piece must end the text.
        while (true)
        {
            int next = pattern.IndexOf('*');
            if (next < 0) return text.Length >= pattern.Length && text.EndsWith(pattern, StringComparison.OrdinalIgnoreCase);
            var piece = pattern[..next];
            int at = text.IndexOf(piece, StringComparison.OrdinalIgnoreCase);
            if (at < 0) return false;
            text = text[(at + piece.Length)..];
            pattern = pattern[(next + 1)..];
        }
    }
}
