using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Noise;

/// <summary>
/// Reads evidence paths on all cores and hands every event, in evidence order, to one consumer on the
/// calling thread (the noise tools keep single-threaded tallies). Read problems are collected, not thrown.
/// </summary>
internal static class EvidenceScan
{
    public static ScanSummary Run(IEnumerable<string> paths, Action<WinEvent> consume, ReaderOptions? options = null)
    {
        var issues = new List<ReadIssue>();
        var opts = options ?? new ReaderOptions();
        long events = 0;
        using var reader = new EvidenceReader(opts, issue => { lock (issues) issues.Add(issue); });
        EvidencePipeline.Run(reader.Units(paths), batch => batch, batch =>
        {
            lock (issues) issues.AddRange(batch.Issues);
            foreach (var e in batch.Events)
            {
                events++;
                consume(e);
            }
        }, opts.EffectiveThreads);
        return new ScanSummary(reader.FilesSeen, reader.FilesOpened, events, issues);
    }
}
