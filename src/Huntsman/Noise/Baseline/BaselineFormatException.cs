namespace Huntsman.Noise.Baseline;

/// <summary>A baseline file that cannot be used, with the place (1-based line and column) when known.</summary>
public sealed class BaselineFormatException(string file, long line, long column, string reason)
    : Exception(line > 0 ? $"{file}:{line}:{column}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Reason { get; } = reason;
}
