using System.Text;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Text from evidence on its way to the analyst's terminal: attacker-controlled, so made harmless first.</summary>
public static class TerminalText
{
    /// <summary>
    /// Control characters (escape sequences could drive the analyst's terminal, line breaks would forge rows) are
    /// shown as \xNN instead of being written.
    /// </summary>
    public static string Printable(string text)
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

    /// <summary><see cref="Printable"/>, then Spectre markup brackets escaped.</summary>
    public static string Escape(string text) => Markup.Escape(Printable(text));
}
