namespace Huntsman.Tests.Lateral;

/// <summary>Finds the repository (samples/, allowlists/) from the test binaries.</summary>
internal static class Samples
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.GetFiles("*.slnx").Length > 0) return dir.FullName;
        throw new DirectoryNotFoundException("repository root (with the .slnx) not found above the test binaries");
    }

    public static string Folder(string name) => Path.Combine(Root(), "samples", name);
}
