namespace Huntsman.Noise.Coverage;

/// <summary>Consecutive record IDs whose times are further apart than the threshold: the log went quiet (host off, service stopped, time changed).</summary>
public sealed record TimeGap(long RecordId, DateTime From, DateTime To)
{
    public TimeSpan Length => To - From;
}
