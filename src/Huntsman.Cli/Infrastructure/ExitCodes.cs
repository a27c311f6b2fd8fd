using Spectre.Console.Cli;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Process exit codes shared by every command (docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>The run completed, even if some input was damaged (issues are printed).</summary>
    public const int Ok = 0;
    /// <summary>Nothing could be read at all: no events, and at least one problem was reported.</summary>
    public const int NothingRead = 1;
    /// <summary>Bad command line: unknown option, bad value, unwritable output.</summary>
    public const int Usage = 2;

    public static int For(RunSummary summary) => summary.Events == 0 && summary.Issues > 0 ? NothingRead : Ok;

    /// <summary>
    /// Spectre passes unknown options through as "remaining" arguments; a command calls this first and returns
    /// <see cref="Usage"/> when it gives true, so a typo never silently changes a run.
    /// </summary>
    public static bool RejectUnknownArguments(CommandContext context, TextWriter error)
    {
        var unknown = context.Remaining.Parsed.Select(g => g.Key).Concat(context.Remaining.Raw).ToList();
        if (unknown.Count == 0) return false;
        error.WriteLine($"error: unknown argument(s): {string.Join(' ', unknown)}");
        return true;
    }

    /// <summary>Spectre's exception hook: parse and validation errors are usage errors.</summary>
    public static int HandleException(Exception ex, ITypeResolver? resolver)
    {
        Console.Error.WriteLine($"error: {ex.Message}");
        return ex is CommandParseException or CommandRuntimeException or CommandConfigurationException ? Usage : NothingRead;
    }
}
