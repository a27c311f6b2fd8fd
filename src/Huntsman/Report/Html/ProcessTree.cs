namespace Huntsman.Report.Html;

/// <summary>A process tree on one host, drawn because a high or critical detection happened in it.</summary>
public sealed record ProcessTree(string Host, string Title, string Level, ProcessTreeNode Root);
