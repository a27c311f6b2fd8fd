using Huntsman.Events;
using Huntsman.Readers;
using Huntsman.Tests.Evtx;
using Xunit;
using static Huntsman.Tests.Evtx.EvtxTestEvents;

namespace Huntsman.Tests.Readers;

/// <summary>
/// Small files are one unit each, sniffed and opened by the thread that reads them, so their problems travel in their own
/// batch; bigger files are split into chunks as before. Either way the events and issues come out in file order.
/// </summary>
public class WholeFileUnitTests
{
    private static byte[] Evtx(int chunks)
    {
        var writer = new EvtxTestWriter();
        for (int c = 0; c < chunks; c++)
        {
            var chunk = writer.NewChunk();
            long id = 100 + c;
            chunk.AddRecord(id, w => w.FragmentHeader()
                .Template("event", Definition(EventData(d => d.Data("N", FirstPayloadIndex, 0x08))), Values(id, 4624, TestValue.U32((uint)c))).Eof());
            chunk.Finish();
        }
        return writer.ToFile();
    }

    [Fact]
    public void SmallFilesAreOneUnitEachAndCarryTheirOwnProblems()
    {
        using var dir = new TempFolder();
        System.IO.File.WriteAllBytes(Path.Combine(dir.Path, "big.evtx"), Evtx(9)); // past eight chunks: one unit per chunk
        System.IO.File.WriteAllBytes(Path.Combine(dir.Path, "small.evtx"), Evtx(2));
        dir.File("bad.evtx", "not an event log");
        dir.File("notes.txt", "hello");
        var reported = new List<ReadIssue>();
        using var reader = new EvidenceReader(new ReaderOptions(), reported.Add);

        var units = reader.Units([dir.Path]).ToList();
        Assert.Equal(["bad.evtx", .. Enumerable.Repeat("big.evtx", 9), "notes.txt", "small.evtx"], units.Select(u => Path.GetFileName(u.File)));
        var batches = units.Select(EvidencePipeline.ReadSafely).ToList();

        Assert.Empty(reported);
        Assert.Contains(batches[0].Issues, i => i.Reason.Contains("no ElfFile signature"));
        Assert.Contains(batches[10].Issues, i => i.Reason.Contains("unknown format"));
        Assert.Equal(Enumerable.Range(0, 9).Select(c => c.ToString()), batches.Skip(1).Take(9).SelectMany(b => b.Events).Select(e => e.GetPayload("N")));
        Assert.Equal(["0", "1"], batches[11].Events.Select(e => e.GetPayload("N")));
        Assert.Equal(2, reader.FilesOpened);
        Assert.Equal(4, reader.FilesSeen);
    }

    [Fact]
    public void ManySmallFilesReadOnAllCoresComeOutInFileOrder()
    {
        using var dir = new TempFolder();
        for (int i = 0; i < 40; i++) System.IO.File.WriteAllBytes(Path.Combine(dir.Path, $"log{i:D2}.evtx"), Evtx(1 + i % 3));
        var one = EvidenceRun.Of(new ReaderOptions { Threads = 1 }, dir.Path);
        var all = EvidenceRun.Of(new ReaderOptions { Threads = 4 }, dir.Path);
        Assert.Equal(Enumerable.Range(0, 40).Sum(i => 1 + i % 3), one.Events.Count);
        Assert.Equal(one.Events.Select(e => (e.Origin.File, e.RecordId)), all.Events.Select(e => (e.Origin.File, e.RecordId)));
    }
}
