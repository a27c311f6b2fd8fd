namespace Huntsman.Events;

public enum IssueSeverity { Note, Warning, Error }

/// <summary>
/// A problem met while reading evidence. Damaged input is data, not an exception: readers report
/// an issue naming the file and the place, skip the bad part and go on.
/// </summary>
public sealed record ReadIssue(string File, string Reason, IssueSeverity Severity = IssueSeverity.Error,
    int? ChunkIndex = null, long? Offset = null, long? RecordId = null, long? LineNumber = null)
{
    public override string ToString()
    {
        var where = File;
        if (LineNumber is { } line) where += $":{line}";
        if (ChunkIndex is { } c) where += $" chunk {c}";
        if (RecordId is { } r) where += $" record {r}";
        if (Offset is { } o) where += $" @0x{o:x}";
        return $"{Severity.ToString().ToLowerInvariant()}: {where}: {Reason}";
    }
}
