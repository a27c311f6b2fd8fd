namespace Huntsman.Report.Html;

/// <summary>One process in a tree. <see cref="Flagged"/> marks the process a detection fired on.</summary>
public sealed record ProcessTreeNode(string Image, string? CommandLine, long? ProcessId, string? User, DateTime? Time)
{
    public bool Flagged { get; init; }
    public IReadOnlyList<ProcessTreeNode> Children { get; init; } = [];
}
