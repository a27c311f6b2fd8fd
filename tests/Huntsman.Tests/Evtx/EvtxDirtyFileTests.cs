using System.Buffers.Binary;
using Huntsman.Events;
using Huntsman.Evtx;
using Huntsman.Readers;
using Xunit;
using static Huntsman.Tests.Evtx.EvtxTestEvents;

namespace Huntsman.Tests.Evtx;

/// <summary>Damaged files: every problem is an issue with a place, and reading goes on.</summary>
public sealed class EvtxDirtyFileTests
{
    private static readonly Action<BinXmlWriter> Payload = EventData(w => w.Data("A", FirstPayloadIndex, 0x01));

    /// <summary>A file of <paramref name="chunks"/> chunks with <paramref name="perChunk"/> records each (ids 1, 2, …).</summary>
    private static (EvtxTestWriter Writer, List<EvtxChunkWriter> Chunks) Build(int chunks, int perChunk, Func<int, bool>? finish = null)
    {
        var writer = new EvtxTestWriter();
        var list = new List<EvtxChunkWriter>();
        long id = 1;
        for (int c = 0; c < chunks; c++)
        {
            var chunk = writer.NewChunk();
            for (int r = 0; r < perChunk; r++, id++)
            {
                var values = Values(id, 4688, TestValue.Str($"v{id}"));
                chunk.AddRecord(id, w => w.FragmentHeader().Template("event", Definition(Payload), values).Eof());
            }
            list.Add(chunk);
            if (finish?.Invoke(c) ?? true) chunk.Finish();
        }
        return (writer, list);
    }

    private static long[] Ids(EvtxParseResult r) => r.Events.Select(e => e.RecordId).ToArray();

    [Fact]
    public void StaleHeaderChunkCountIsIgnored()
    {
        var (writer, _) = Build(3, 2);
        var result = EvtxParser.Parse(writer.ToFile(headerChunkCount: 1), new ReaderOptions());
        Assert.Equal([1L, 2, 3, 4, 5, 6], Ids(result));
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void ZeroedSlotsAreSkippedSilently()
    {
        var (writer, _) = Build(2, 1);
        var file = writer.ToFile();
        var withGap = new byte[file.Length + 65536];
        file.AsSpan(0, 4096 + 65536).CopyTo(withGap);
        file.AsSpan(4096 + 65536).CopyTo(withGap.AsSpan(4096 + 2 * 65536));
        var result = EvtxParser.Parse(withGap, new ReaderOptions());
        Assert.Equal([1L, 2], Ids(result));
        Assert.Empty(result.Issues);
        Assert.Equal(2, result.Events[1].Origin.ChunkIndex);
    }

    [Fact]
    public void BadChunkMagicIsReportedAndSkippedUnlessRecovering()
    {
        var (writer, chunks) = Build(3, 2, c => c != 1);
        chunks[1].Finish(corruptMagic: true);
        var file = writer.ToFile();
        // Chunks are added in Finish order: chunk 1 (bad) was added last, so it sits in slot 2.
        var result = EvtxParser.Parse(file, new ReaderOptions());
        Assert.Equal([1L, 2, 5, 6], Ids(result));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.ChunkIndex);
        Assert.Equal(4096 + 2 * 65536, issue.Offset);
        Assert.Contains("signature", issue.Reason);

        var recovered = EvtxParser.Parse(file, new ReaderOptions { Recover = true });
        Assert.Equal([1L, 2, 5, 6, 3, 4], Ids(recovered));
        Assert.Equal(2, recovered.RecoveredCount);
        Assert.True(recovered.Events[^1].Origin.Recovered);
        Assert.Equal("v4", recovered.Events[^1].Get("A"));
    }

    [Fact]
    public void BadDataCrcSkipsTheChunkOnlyWhenValidating()
    {
        var (writer, chunks) = Build(2, 2, c => c != 0);
        chunks[0].Finish(corruptDataCrc: true);
        var file = writer.ToFile();
        var lenient = EvtxParser.Parse(file, new ReaderOptions());
        Assert.Equal(4, lenient.Events.Count);
        Assert.Empty(lenient.Issues);

        var strict = EvtxParser.Parse(file, new ReaderOptions { ValidateChecksums = true });
        // Chunks land in the file in Finish order: the damaged chunk 0 (records 1, 2) sits in slot 1.
        Assert.Equal([3L, 4], Ids(strict));
        var issue = Assert.Single(strict.Issues);
        Assert.Contains("CRC32", issue.Reason);
        Assert.Equal(1, issue.ChunkIndex);
    }

    [Fact]
    public void BadHeaderCrcIsAWarningAndNoCrcFlagSilencesIt()
    {
        var (writer, _) = Build(1, 1);
        var bad = EvtxParser.Parse(writer.ToFile(corruptHeaderCrc: true), new ReaderOptions());
        Assert.Single(bad.Events);
        Assert.Equal(IssueSeverity.Warning, Assert.Single(bad.Issues).Severity);
        var noCrc = EvtxParser.Parse(writer.ToFile(flags: 0x1B970004, corruptHeaderCrc: true), new ReaderOptions());
        Assert.Single(noCrc.Events);
        Assert.Empty(noCrc.Issues);
    }

    [Fact]
    public void TruncatedFileKeepsTheCompleteRecordsOfItsLastChunk()
    {
        var (writer, chunks) = Build(2, 3);
        var file = writer.ToFile();
        // Cut the second chunk inside its third record.
        int thirdRecord = FindRecord(chunks[1].Bytes, 6);
        var cut = file.AsSpan(0, 4096 + 65536 + thirdRecord + 40).ToArray();
        var result = EvtxParser.Parse(cut, new ReaderOptions());
        Assert.Equal([1L, 2, 3, 4, 5], Ids(result));
        Assert.Contains(result.Issues, i => i.ChunkIndex == 1 && i.Reason.Contains("ends inside a chunk"));
    }

    [Fact]
    public void TornRecordIsReportedAndTheNextRecordsAreRead()
    {
        var (writer, chunks) = Build(1, 3, _ => false);
        int second = FindRecord(chunks[0].Bytes, 2);
        int size = BinaryPrimitives.ReadInt32LittleEndian(chunks[0].Bytes.AsSpan(second + 4));
        BinaryPrimitives.WriteInt32LittleEndian(chunks[0].Bytes.AsSpan(second + size - 4), 0);
        chunks[0].Finish();
        var result = EvtxParser.Parse(writer.ToFile(), new ReaderOptions());
        Assert.Equal([1L, 2, 3], Ids(result));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.RecordId);
        Assert.Equal(4096 + second, issue.Offset);
    }

    [Fact]
    public void BrokenRecordSizeEndsTheChainAndRecoveryCarvesTheRest()
    {
        var (writer, chunks) = Build(1, 4, _ => false);
        int second = FindRecord(chunks[0].Bytes, 2);
        BinaryPrimitives.WriteInt32LittleEndian(chunks[0].Bytes.AsSpan(second + 4), 0);
        chunks[0].Finish();
        var file = writer.ToFile();
        var result = EvtxParser.Parse(file, new ReaderOptions());
        Assert.Equal([1L], Ids(result));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.RecordId);
        Assert.Equal(1, result.SkippedCount);

        var recovered = EvtxParser.Parse(file, new ReaderOptions { Recover = true });
        Assert.Equal([1L, 3, 4], Ids(recovered));
        Assert.Equal(2, recovered.RecoveredCount);
    }

    [Fact]
    public void RecoveryCarvesSlackWithoutDuplicates()
    {
        var (writer, chunks) = Build(1, 3, _ => false);
        var bytes = chunks[0].Bytes;
        // Pretend record 3 was freed: the free-space offset now ends after record 2, record 3 stays in slack,
        // and a copy of record 1 sits in slack too (must not be reported twice).
        int third = FindRecord(bytes, 3);
        int first = FindRecord(bytes, 1);
        int firstSize = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(first + 4));
        int end = chunks[0].Position;
        bytes.AsSpan(first, firstSize).CopyTo(bytes.AsSpan(end));
        chunks[0].Finish();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(48), third);
        var file = writer.ToFile();
        Assert.Equal([1L, 2], Ids(EvtxParser.Parse(file, new ReaderOptions())));
        var recovered = EvtxParser.Parse(file, new ReaderOptions { Recover = true });
        Assert.Equal([1L, 2, 3], Ids(recovered));
        Assert.Equal(1, recovered.RecoveredCount);
        Assert.True(recovered.Events[2].Origin.Recovered);
    }

    /// <summary>Counts the bytes the reader asks for.</summary>
    private sealed class CountingSource(byte[] bytes) : EvtxSource("counted.evtx")
    {
        private readonly EvtxSource _inner = FromBytes("counted.evtx", bytes);
        public long BytesRead;
        public override long Length => _inner.Length;
        public override int Read(long offset, Span<byte> buffer)
        {
            BytesRead += buffer.Length;
            return _inner.Read(offset, buffer);
        }
    }

    private static (List<long> Ids, long BytesRead) ReadCounted(byte[] file, ReaderOptions options)
    {
        var source = new CountingSource(file);
        var ids = EvtxFormat.Units(source, options, _ => { }).SelectMany(u => u.Read().Events).Select(e => e.RecordId).ToList();
        return (ids, source.BytesRead);
    }

    [Fact]
    public void SlackAfterTheFreeSpaceOffsetIsNotRead()
    {
        // Enough records to pass the first 4 KiB read, then garbage in the slack: only --recover looks there.
        var (writer, chunks) = Build(1, 60, _ => false);
        int end = chunks[0].Position;
        Assert.InRange(end, 4097, 32768);
        chunks[0].Bytes.AsSpan(end).Fill(0xff);
        chunks[0].Finish();
        var file = writer.ToFile();
        var plain = ReadCounted(file, new ReaderOptions());
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), plain.Ids);
        Assert.True(plain.BytesRead <= 128 + end, $"read {plain.BytesRead} bytes for a chunk whose records end at {end}");
        var recovered = ReadCounted(file, new ReaderOptions { Recover = true });
        Assert.Equal(plain.Ids, recovered.Ids);
        Assert.True(recovered.BytesRead >= 65536, "--recover reads the whole chunk, slack included");
    }

    [Fact]
    public void UndecodableRecordIsAnIssueWithItsIdAndReadingGoesOn()
    {
        var (writer, chunks) = Build(1, 3, _ => false);
        int second = FindRecord(chunks[0].Bytes, 2);
        chunks[0].Bytes[second + 24 + 4] = 0x07; // template instance token overwritten
        chunks[0].Finish();
        var result = EvtxParser.Parse(writer.ToFile(), new ReaderOptions());
        Assert.Equal([1L, 3], Ids(result));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(2, issue.RecordId);
        Assert.Equal(0, issue.ChunkIndex);
    }

    [Fact]
    public void FileWithoutChunksOrSignature()
    {
        var none = EvtxParser.Parse(new byte[100], new ReaderOptions());
        Assert.Empty(none.Events);
        Assert.NotEmpty(none.Issues);
        var (writer, _) = Build(1, 1);
        var file = writer.ToFile();
        file[0] = (byte)'X';
        var result = EvtxParser.Parse(file, new ReaderOptions());
        Assert.Single(result.Events);
        Assert.Contains(result.Issues, i => i.Reason.Contains("ElfFile"));
    }

    private static int FindRecord(byte[] chunk, long id)
    {
        for (int p = 512; p + 24 < chunk.Length;)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(chunk.AsSpan(p + 4));
            if (BinaryPrimitives.ReadInt64LittleEndian(chunk.AsSpan(p + 8)) == id) return p;
            if (size <= 0) break;
            p += size;
        }
        throw new InvalidOperationException($"record {id} not found");
    }
}
