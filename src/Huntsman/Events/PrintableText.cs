using System.Text;

namespace Huntsman.Events;

/// <summary>
/// Evidence text on its way into a terminal or a line-oriented text file. It is attacker-controlled: escape sequences
/// could drive the analyst's terminal and line breaks would forge lines, so control characters are shown as \xNN.
/// </summary>
public static class PrintableText
{
    public static string Of(string text)
    {
        var span = text.AsSpan();
        if (!span.ContainsAnyInRange('\0', '\x1f') && !span.ContainsAnyInRange('\x7f', '\x9f')) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (ch < 0x20 || ch is >= '\x7f' and <= '\x9f') sb.Append($"\\x{(int)ch:x2}");
            else sb.Append(ch);
        }
        return sb.ToString();
    }
}
