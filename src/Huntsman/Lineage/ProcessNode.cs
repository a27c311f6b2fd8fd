using Huntsman.Events;

namespace Huntsman.Lineage;

/// <summary>
/// One process on one host, built from its start event(s) (Sysmon 1, Security 4688, Defender), or
/// synthesised from a child's ParentImage/ParentCommandLine when its own start was never seen.
/// </summary>
public sealed class ProcessNode
{
    internal ProcessNode(string host, long processId)
    {
        Host = host;
        ProcessId = processId;
    }

    /// <summary>The Computer name as the events give it.</summary>
    public string Host { get; }
    public long ProcessId { get; }
    public string? ProcessGuid { get; internal set; }
    public string Image { get; internal set; } = "?";
    public string? CommandLine { get; internal set; }
    public string? User { get; internal set; }
    public string? LogonId { get; internal set; }
    public string? IntegrityLevel { get; internal set; }
    public string? OriginalFileName { get; internal set; }
    /// <summary>Null for a synthesised parent.</summary>
    public DateTime? Start { get; internal set; }
    public DateTime? End { get; internal set; }
    /// <summary>True when the node was made up from a child's parent fields (its start is not in the evidence).</summary>
    public bool Synthetic { get; internal init; }
    public ProcessNode? Parent { get; internal set; }
    public List<ProcessNode> Children { get; } = new();
    /// <summary>The start events this node was built from (one per source: Sysmon and/or Security).</summary>
    public List<WinEvent> StartEvents { get; } = new();

    /// <summary>The time used for ordering: the start, or for a synthesised node its earliest child.</summary>
    public DateTime SortTime => Start ?? (Children.Count > 0 ? Children.Min(c => c.SortTime) : DateTime.MinValue);

    public string ImageName => FileNameOf(Image);

    internal static string FileNameOf(string path)
    {
        int i = path.LastIndexOfAny(['\\', '/']);
        return i < 0 ? path : path[(i + 1)..];
    }

    /// <summary>True while the process was alive at <paramref name="at"/> (started before, not yet ended).</summary>
    internal bool AliveAt(DateTime at, TimeSpan tolerance) =>
        (Start is null || Start.Value <= at + tolerance) && (End is null || End.Value >= at - tolerance);

    public override string ToString() => $"{Host} {ProcessId} {Image} @{Start:O}";
}
