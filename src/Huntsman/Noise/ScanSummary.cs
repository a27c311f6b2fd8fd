using Huntsman.Events;

namespace Huntsman.Noise;

/// <summary>What a scan read, and the problems met on the way.</summary>
internal sealed record ScanSummary(int FilesSeen, int FilesOpened, long Events, IReadOnlyList<ReadIssue> Issues)
{
    private const int MaxPrinted = 20;

    /// <summary>Errors and warnings in full (the first 20), notes (skipped files) as a count, then totals.</summary>
    public void PrintTo(TextWriter output)
    {
        var serious = Issues.Where(i => i.Severity != IssueSeverity.Note).ToList();
        foreach (var issue in serious.Take(MaxPrinted)) output.WriteLine(issue);
        if (serious.Count > MaxPrinted) output.WriteLine($"… {serious.Count - MaxPrinted} more read problems");
        int notes = Issues.Count - serious.Count;
        output.WriteLine($"{Events:N0} events from {FilesOpened:N0} of {FilesSeen:N0} files" +
                         $"{(serious.Count > 0 ? $", {serious.Count} read problems" : "")}{(notes > 0 ? $", {notes} files skipped" : "")}");
    }
}
