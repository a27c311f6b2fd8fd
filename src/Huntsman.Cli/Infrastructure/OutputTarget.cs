namespace Huntsman.Cli.Infrastructure;

/// <summary>The results stream: the -o file when given (created or truncated), else stdout; buffered either way.</summary>
public sealed class OutputTarget : IDisposable
{
    private readonly Stream _inner;
    public Stream Stream { get; }

    private OutputTarget(Stream inner)
    {
        _inner = inner;
        Stream = new BufferedStream(inner, 1 << 16);
    }

    /// <summary>Opens the target, or returns null after printing why it cannot be written.</summary>
    public static OutputTarget? Open(string? path, CliConsole console)
    {
        if (string.IsNullOrEmpty(path) || path == "-") return new OutputTarget(console.OpenStdout());
        try
        {
            return new OutputTarget(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            console.Error.WriteLine($"error: cannot write {path}: {ex.Message}");
            return null;
        }
    }

    public void Dispose()
    {
        Stream.Flush();
        Stream.Dispose();
        _inner.Dispose();
    }
}
