namespace Huntsman.Report.Html;

/// <summary>The run at a glance: inputs, volumes, problems, the rules used and the time the evidence covers.</summary>
public sealed record RunSummary
{
    public IReadOnlyList<string> Inputs { get; init; } = [];
    public int Files { get; init; }
    public long Events { get; init; }
    /// <summary>Read problems (damaged chunks, unreadable files), as reported by the readers.</summary>
    public int Errors { get; init; }
    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
    public int Rules { get; init; }
    public DateTime? FirstEvent { get; init; }
    public DateTime? LastEvent { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public DateTime GeneratedUtc { get; init; }
    public TimeSpan? Duration { get; init; }
    public string Version { get; init; } = "";
}
