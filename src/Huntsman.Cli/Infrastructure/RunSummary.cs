using System.Diagnostics;
using System.Globalization;
using Huntsman.Events;

namespace Huntsman.Cli.Infrastructure;

/// <summary>What a run read: files, records, damaged and recovered records, problems, and how fast.</summary>
public sealed class RunSummary
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int FilesSeen { get; internal set; }
    public int FilesRead { get; internal set; }
    public long Bytes { get; internal set; }
    public long Events { get; internal set; }
    public long SkippedRecords { get; internal set; }
    public long RecoveredRecords { get; internal set; }
    public int Errors { get; internal set; }
    public int Warnings { get; internal set; }
    /// <summary>Every problem reported, notes included.</summary>
    public int Issues { get; internal set; }
    public TimeSpan Elapsed => _clock.Elapsed;

    internal void Count(ReadIssue issue)
    {
        Issues++;
        if (issue.Severity == IssueSeverity.Error) Errors++;
        else if (issue.Severity == IssueSeverity.Warning) Warnings++;
    }

    internal void Stop() => _clock.Stop();

    public double EventsPerSecond => Elapsed.TotalSeconds > 0 ? Events / Elapsed.TotalSeconds : 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"files: {FilesRead} read, {FilesSeen - FilesRead} skipped; records: {Events}, skipped {SkippedRecords}, recovered {RecoveredRecords}; " +
        $"errors: {Errors}, warnings: {Warnings}; {Bytes / 1048576.0:0.0} MB in {Elapsed.TotalSeconds:0.00} s ({EventsPerSecond:0} events/s)");
}
