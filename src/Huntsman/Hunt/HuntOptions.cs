using Huntsman.Readers;
using Huntsman.Sigma;

namespace Huntsman.Hunt;

/// <summary>What a hunt reads, which rules it runs and which events it considers.</summary>
public sealed record HuntOptions
{
    /// <summary>Rule files or directories in addition to the built-in pack.</summary>
    public IReadOnlyList<string> RulePaths { get; init; } = [];
    public bool IncludeBuiltinRules { get; init; } = true;
    public RuleFilter RuleFilter { get; init; } = RuleFilter.All;
    public RuleLoadOptions RuleLoad { get; init; } = new();
    /// <summary>Only events at or after this UTC time.</summary>
    public DateTime? From { get; init; }
    /// <summary>Only events at or before this UTC time.</summary>
    public DateTime? To { get; init; }
    public ReaderOptions Reader { get; init; } = new();
}
