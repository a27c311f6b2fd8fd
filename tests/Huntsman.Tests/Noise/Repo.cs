namespace Huntsman.Tests.Noise;

/// <summary>The repository root (the folder holding Huntsman.slnx), for files the repo ships such as allowlists/default.yml.</summary>
internal static class Repo
{
    public static readonly string Root = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.GetFiles("Huntsman.slnx").Length > 0) return dir.FullName;
        throw new InvalidOperationException("Huntsman.slnx not found above " + AppContext.BaseDirectory);
    }
}
