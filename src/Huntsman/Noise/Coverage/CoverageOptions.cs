namespace Huntsman.Noise.Coverage;

/// <summary>Thresholds and bounds of the coverage report.</summary>
public readonly record struct CoverageOptions
{
    public CoverageOptions() { }

    /// <summary>Consecutive records further apart than this are a time gap.</summary>
    public TimeSpan TimeGapThreshold { get; init; } = TimeSpan.FromHours(24);
    /// <summary>Record gaps and time gaps listed per channel (the largest ones; all are counted).</summary>
    public int MaxGapsListed { get; init; } = 20;
    /// <summary>Distinct record-ID runs tracked per host and channel; beyond it the channel is marked too fragmented.</summary>
    public int MaxRunsPerChannel { get; init; } = 100_000;
}
