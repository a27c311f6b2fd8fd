using Huntsman.Events;
using Huntsman.Readers;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// Runs an <see cref="EvidencePipeline"/> over the user's paths the way every command wants it: issues collected
/// and printed after the run, a progress bar on stderr (files, MB, events/s) unless quiet or redirected, and a
/// summary line at the end. <paramref name="work"/> runs on worker threads, <paramref name="consume"/> in input order.
/// </summary>
public static class EvidenceRunner
{
    public static RunSummary Run<T>(IReadOnlyList<string> paths, ReaderOptions options, CliConsole console, bool quiet,
        Func<EventBatch, T> work, Action<T> consume, CancellationToken cancel = default, bool printSummary = true)
    {
        var summary = new RunSummary();
        var issues = new IssueLog(summary);
        using (var reader = new EvidenceReader(options, issues.Add))
        {
            void Consume(Result<T> r)
            {
                summary.Events += r.Events;
                summary.SkippedRecords += r.Skipped;
                summary.RecoveredRecords += r.Recovered;
                summary.Bytes += r.Bytes;
                foreach (var issue in r.Issues) issues.Add(issue);
                consume(r.Value);
            }
            Result<T> Work(EventBatch b) => new(work(b), b.Events.Count, b.SkippedCount, b.RecoveredCount, b.Unit.Length, b.Issues);

            if (console.ShowProgress(quiet))
            {
                console.ErrorConsole().Progress().AutoClear(true)
                    .Columns(new SpinnerColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new ElapsedTimeColumn())
                    .Start(ctx =>
                    {
                        var task = ctx.AddTask("reading").IsIndeterminate();
                        long lastTick = 0;
                        EvidencePipeline.Run(reader.Units(paths), Work, r =>
                        {
                            Consume(r);
                            long now = Environment.TickCount64;
                            if (now - lastTick < 100) return;
                            lastTick = now;
                            task.Description = $"files {reader.FilesOpened}  {summary.Bytes / 1048576.0:0.0} MB  {summary.Events} events  {summary.EventsPerSecond:0} events/s";
                        }, options.EffectiveThreads, cancel);
                    });
            }
            else EvidencePipeline.Run(reader.Units(paths), Work, Consume, options.EffectiveThreads, cancel);
            summary.FilesSeen = reader.FilesSeen;
            summary.FilesRead = reader.FilesOpened;
        }
        summary.Stop();
        issues.Print(console.Error);
        if (!quiet && printSummary) console.Error.WriteLine(summary.ToString());
        return summary;
    }

    private sealed record Result<T>(T Value, int Events, int Skipped, int Recovered, long Bytes, List<ReadIssue> Issues);
}
