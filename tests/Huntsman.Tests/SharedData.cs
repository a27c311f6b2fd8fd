using Xunit;
namespace Huntsman.Tests;

/// <summary>
/// Locates ../shared/data beside the repository. Tests that need it call <see cref="Require"/>:
/// they skip when the folder is absent (a user's clone) and fail when CI=true, where it must be present.
/// </summary>
public static class SharedData
{
    public static readonly string? Root = Find();

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("HUNTSMAN_SHARED_DATA");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "data");
            if (Directory.Exists(candidate) && dir.GetFiles("*.slnx").Length == 0) return candidate;
            var sibling = Path.Combine(dir.FullName, "..", "shared", "data");
            if (dir.GetFiles("*.slnx").Length > 0 && Directory.Exists(sibling)) return Path.GetFullPath(sibling);
        }
        return null;
    }

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Returns the shared data root, or skips the test (fails under CI=true).</summary>
    public static string Require()
    {
        if (Root is not null) return Root;
        if (InCi) throw new InvalidOperationException("CI=true but ../shared/data was not found beside the repository");
        Skip.If(true, "../shared/data is not present");
        return "";
    }

    public static string Path_(params string[] parts) => Path.Combine([Require(), .. parts]);
}
