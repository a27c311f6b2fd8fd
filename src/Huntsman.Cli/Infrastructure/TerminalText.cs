using Huntsman.Events;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Text from evidence on its way to the analyst's terminal: attacker-controlled, so made harmless first.</summary>
public static class TerminalText
{
    /// <summary>Control characters shown (<see cref="PrintableText"/>), then Spectre markup brackets escaped.</summary>
    public static string Escape(string text) => Markup.Escape(PrintableText.Of(text));
}
