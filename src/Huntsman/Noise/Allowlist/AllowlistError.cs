namespace Huntsman.Noise.Allowlist;

/// <summary>One problem in an allowlist file, at a 1-based line and column (0 when the whole file is at fault).</summary>
public sealed record AllowlistError(string File, long Line, long Column, string Message)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}: {Message}" : $"{File}: {Message}";
}
