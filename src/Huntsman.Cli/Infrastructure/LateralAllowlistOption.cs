using Huntsman.Lateral;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Loads the optional lateral-movement allowlist of a command, printing the problem when it cannot.</summary>
internal static class LateralAllowlistOption
{
    /// <summary>False (after printing why) when the file was given but could not be loaded.</summary>
    public static bool TryLoad(string? path, CliConsole console, out LateralAllowlist? allowlist)
    {
        allowlist = null;
        if (path is null) return true;
        try
        {
            allowlist = LateralAllowlist.Load(path);
            return true;
        }
        catch (Exception ex) when (ex is AllowlistException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"allowlist: {ex.Message}");
            return false;
        }
    }
}
