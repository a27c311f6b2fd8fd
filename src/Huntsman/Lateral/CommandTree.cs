namespace Huntsman.Lateral;

/// <summary>A process the tool started, with the processes it started in turn.</summary>
public sealed record CommandTree(string Image, string? CommandLine, string? User, long ProcessId, DateTime? Time, IReadOnlyList<CommandTree> Children);
