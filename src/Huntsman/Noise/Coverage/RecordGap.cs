namespace Huntsman.Noise.Coverage;

/// <summary>Record IDs missing between two runs of a channel's records: a sign of clearing, loss or a rolled-over log.</summary>
public sealed record RecordGap(long AfterRecordId, long BeforeRecordId, DateTime LastTimeBefore, DateTime FirstTimeAfter)
{
    public long Missing => BeforeRecordId - AfterRecordId - 1;
}
