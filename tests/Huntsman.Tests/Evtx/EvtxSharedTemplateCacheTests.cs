using Huntsman.Evtx;
using Huntsman.Evtx.BinXml;
using Huntsman.Readers;
using Xunit;
using static Huntsman.Tests.Evtx.EvtxTestEvents;

namespace Huntsman.Tests.Evtx;

/// <summary>
/// Compiled templates are shared by every reading thread (<see cref="TemplateCache"/>): threads that find, add and
/// extend (field plans) the same entries at once must read exactly what one thread reads alone.
/// </summary>
public sealed class EvtxSharedTemplateCacheTests
{
    [SkippableFact]
    public void ManyThreadsSharingTheCacheReadTheCorpusAsOneThreadDoes()
    {
        var root = SharedData.Path_("evtx");
        var one = Read(root, threads: 1);
        var many = Read(root, threads: 4);
        Assert.True(one.Count > 30_000, $"only {one.Count} events read");
        Assert.Equal(one.Count, many.Count);
        for (int i = 0; i < one.Count; i++)
            if (one[i] != many[i]) Assert.Fail($"event {i} differs:\n  1 thread:  {one[i]}\n  4 threads: {many[i]}");
    }

    [Fact]
    public void ThreadsCompilingAndPlanningTheSameTemplatesAtOnceAgree()
    {
        var values = Enumerable.Range(0, 12).Select(i => TestValue.Str($"value {i}")).ToArray();
        var payload = EventData(w =>
        {
            for (int i = 0; i < values.Length; i++) w.Data($"F{i}", FirstPayloadIndex + i, 0x01);
        });
        var file = File(payload, values, values, values);
        var expected = EvtxParser.Parse(file, new ReaderOptions()).Events.Select(EvtxPlanEquivalenceTests.Describe).ToArray();
        Assert.Equal(3, expected.Length);
        for (int round = 0; round < 20; round++)
        {
            TemplateCache.Shared.Clear(); // every round, the threads race to compile, add and plan the template
            var seen = new string[8][];
            Parallel.For(0, seen.Length, new ParallelOptions { MaxDegreeOfParallelism = seen.Length },
                t => seen[t] = EvtxParser.Parse(file, new ReaderOptions()).Events.Select(EvtxPlanEquivalenceTests.Describe).ToArray());
            foreach (var events in seen) Assert.Equal(expected, events);
        }
    }

    private static List<string> Read(string root, int threads)
    {
        TemplateCache.Shared.Clear();
        var described = new List<string>();
        using var reader = new EvidenceReader(new ReaderOptions { Format = InputFormat.Evtx, Threads = threads }, _ => { });
        EvidencePipeline.Run(reader.Units([root]), batch => batch.Events.Select(EvtxPlanEquivalenceTests.Describe).ToList(),
            described.AddRange, threads);
        return described;
    }
}
