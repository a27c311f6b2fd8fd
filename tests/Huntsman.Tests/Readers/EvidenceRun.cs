using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Tests.Readers;

/// <summary>Reads paths through the real reader + pipeline and collects events and issues, in output order.</summary>
internal sealed record EvidenceRun(List<WinEvent> Events, List<ReadIssue> Issues, int Skipped)
{
    public static EvidenceRun Of(ReaderOptions options, params string[] paths)
    {
        var events = new List<WinEvent>();
        var issues = new List<ReadIssue>();
        int skipped = 0;
        using var reader = new EvidenceReader(options, issues.Add);
        EvidencePipeline.Run(reader.Units(paths), b => b, b =>
        {
            events.AddRange(b.Events);
            issues.AddRange(b.Issues);
            skipped += b.SkippedCount;
        }, options.EffectiveThreads);
        return new EvidenceRun(events, issues, skipped);
    }

    public static EvidenceRun Of(params string[] paths) => Of(new ReaderOptions(), paths);
}
