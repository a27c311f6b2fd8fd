namespace Huntsman.Noise.Coverage;

/// <summary>
/// Record-ID and time continuity of one channel on one host. Gaps lists at most the largest
/// <see cref="CoverageOptions.MaxGapsListed"/> record gaps (in record order); GapCount counts them all.
/// </summary>
public sealed record ChannelContinuity(
    string Channel,
    long Events,
    long FirstRecordId,
    long LastRecordId,
    long MissingRecords,
    int GapCount,
    IReadOnlyList<RecordGap> Gaps,
    int TimeGapCount,
    IReadOnlyList<TimeGap> TimeGaps,
    bool TooFragmented);
