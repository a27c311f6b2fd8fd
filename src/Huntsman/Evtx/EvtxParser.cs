using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Evtx;

/// <summary>Everything read from one EVTX image, in file order.</summary>
internal sealed record EvtxParseResult(List<WinEvent> Events, List<ReadIssue> Issues, int RecoveredCount, int SkippedCount);

/// <summary>In-process entry for tests, fuzzing and benchmarks: parses an EVTX image held in memory, chunk by chunk.</summary>
internal static class EvtxParser
{
    public static EvtxParseResult Parse(byte[] image, ReaderOptions options, string name = "memory.evtx", bool usePlans = true)
    {
        var events = new List<WinEvent>();
        var issues = new List<ReadIssue>();
        int recovered = 0, skipped = 0;
        foreach (var unit in EvtxFormat.Units(EvtxSource.FromBytes(name, image), options, issues.Add, usePlans))
        {
            var batch = EvidencePipeline.ReadSafely(unit);
            events.AddRange(batch.Events);
            issues.AddRange(batch.Issues);
            recovered += batch.RecoveredCount;
            skipped += batch.SkippedCount;
        }
        return new EvtxParseResult(events, issues, recovered, skipped);
    }
}
