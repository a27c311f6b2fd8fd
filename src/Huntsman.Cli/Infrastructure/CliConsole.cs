using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// Where a command writes: results to stdout (or -o FILE), everything for humans (progress, issues, summary) to
/// stderr. Colours and the progress bar follow NO_COLOR, --quiet and whether stderr is a terminal.
/// Tests pass their own writers.
/// </summary>
public sealed class CliConsole(TextWriter error, Func<Stream> openStdout, bool errorIsTerminal, bool noColor)
{
    public TextWriter Error { get; } = error;
    public bool ErrorIsTerminal { get; } = errorIsTerminal;
    public bool NoColor { get; } = noColor;

    public Stream OpenStdout() => openStdout();

    public static CliConsole FromEnvironment() => new(Console.Error, Console.OpenStandardOutput, !Console.IsErrorRedirected,
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    /// <summary>A progress bar is worth drawing only for a person watching a terminal.</summary>
    public bool ShowProgress(bool quiet) => !quiet && ErrorIsTerminal;

    /// <summary>A Spectre console over stderr, without colours when NO_COLOR is set.</summary>
    public IAnsiConsole ErrorConsole() => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(Error),
        ColorSystem = NoColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = ErrorIsTerminal ? InteractionSupport.Yes : InteractionSupport.No,
    });
}
