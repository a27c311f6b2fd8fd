namespace Huntsman.Tests.Lateral;

/// <summary>Finds the repository's samples/ folder from the test binaries.</summary>
internal static class Samples
{
    public static string Folder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.GetFiles("*.slnx").Length > 0) return Path.Combine(dir.FullName, "samples", name);
        throw new DirectoryNotFoundException("repository root (with the .slnx) not found above the test binaries");
    }
}
