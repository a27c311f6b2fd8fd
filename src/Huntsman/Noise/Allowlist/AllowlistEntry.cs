using Huntsman.Sigma.Detection;

namespace Huntsman.Noise.Allowlist;

/// <summary>
/// One known-good statement: what it matches (<c>match:</c>, compiled by the Sigma engine's selection
/// compiler), where it applies, why, who vouches for it, and until when.
/// </summary>
public sealed class AllowlistEntry
{
    public required string Id { get; init; }
    public required string Reason { get; init; }
    public required string Owner { get; init; }
    /// <summary>Last day the entry applies; from the next day on it no longer suppresses and warns instead.</summary>
    public DateOnly? Expires { get; init; }
    public required AllowlistScope Scope { get; init; }
    public required string File { get; init; }
    public required long Line { get; init; }
    internal ConditionNode Match { get; init; } = null!;

    public bool IsExpired(DateOnly today) => Expires is { } last && today > last;

    public override string ToString() => $"{Id} ({File}:{Line})";
}
