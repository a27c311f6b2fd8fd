namespace Huntsman.Sigma;

public enum RuleLoadState { Ok, Skipped }

/// <summary>
/// Outcome for one rule document (or a whole file when it cannot be parsed): ok, or skipped with the
/// exact reason and where it was found (line/column 1-based, 0 when unknown).
/// </summary>
public sealed record RuleFileStatus(string File, int Document, RuleLoadState State, string Kind, string? Title,
    string? Reason = null, int Line = 0, int Column = 0)
{
    /// <summary>The reason without location details, for grouping totals.</summary>
    public string? ReasonCategory { get; init; }

    public string Location => Line > 0 ? $"{File}:{Line}:{Column}" : File;

    public override string ToString() =>
        State == RuleLoadState.Ok ? $"ok      {File} [{Kind}] {Title}" : $"skipped {Location} [{Kind}] {Reason}";
}
