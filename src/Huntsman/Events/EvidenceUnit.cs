namespace Huntsman.Events;

/// <summary>
/// An independently readable piece of evidence: one EVTX chunk, or a slice of a text export.
/// Units of one file are numbered in file order, so results can be merged back in order
/// after being read on many threads.
/// </summary>
public abstract class EvidenceUnit
{
    protected EvidenceUnit(string file, int ordinal, long length)
    {
        File = file;
        Ordinal = ordinal;
        Length = length;
    }

    public string File { get; }
    /// <summary>0-based position of this unit within its file.</summary>
    public int Ordinal { get; }
    /// <summary>Bytes this unit covers (for progress in MB).</summary>
    public long Length { get; }

    /// <summary>Reads the unit. Never throws for bad input: problems go to <see cref="EventBatch.Issues"/>.</summary>
    public abstract EventBatch Read();
}

public sealed class EventBatch(EvidenceUnit unit)
{
    public EvidenceUnit Unit { get; } = unit;
    public List<WinEvent> Events { get; } = new();
    public List<ReadIssue> Issues { get; } = new();
    /// <summary>Records carved from slack space (only with --recover).</summary>
    public int RecoveredCount { get; set; }
    /// <summary>Records that were found but could not be decoded.</summary>
    public int SkippedCount { get; set; }
}
