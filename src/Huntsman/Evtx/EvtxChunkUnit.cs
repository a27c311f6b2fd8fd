using System.Buffers;
using System.Buffers.Binary;
using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Evtx;

/// <summary>One 64 KiB chunk slot of an EVTX file, read on its own (any thread) into a pooled buffer.</summary>
internal sealed class EvtxChunkUnit(EvtxSource source, int chunkIndex, long fileOffset, int length, ReaderOptions options, bool usePlans,
    EvtxRecoveryIndex? recovery = null)
    : EvidenceUnit(source.Name, chunkIndex, length)
{
    /// <summary>Read first: the chunk header, and often every record of a chunk that is far from full.</summary>
    private const int FirstRead = 4096;
    private const int HeaderSize = 512;
    private const int HeaderCheckSize = 128; // the part of the 4 KiB file header that holds anything

    private readonly EvtxSource _source = source;
    private readonly long _fileOffset = fileOffset;
    private readonly ReaderOptions _options = options;
    private readonly bool _usePlans = usePlans;
    private readonly EvtxRecoveryIndex? _recovery = recovery;

    public override EventBatch Read()
    {
        var batch = new EventBatch(this);
        var buffer = ArrayPool<byte>.Shared.Rent(EvtxFileHeader.ChunkSize);
        try
        {
            int n;
            try
            {
                if (Ordinal == 0) ValidateFileHeader(buffer, batch);
                n = ReadChunk(buffer.AsSpan(0, (int)Length));
            }
            finally { _source.UnitDone(); }
            if (n < Length)
                batch.Issues.Add(new ReadIssue(File, $"chunk cut short: {n} of {Length} bytes could be read", ChunkIndex: Ordinal, Offset: _fileOffset));
            new EvtxChunkReader(File, Ordinal, _fileOffset, buffer, n, _options, batch, _usePlans, _recovery).Read();
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return batch;
    }

    /// <summary>The first chunk's unit also checks the file header (into <paramref name="buffer"/>, before the chunk overwrites it).</summary>
    private void ValidateFileHeader(byte[] buffer, EventBatch batch)
    {
        int read = _source.Read(0, buffer.AsSpan(0, HeaderCheckSize));
        EvtxFileHeader.Validate(buffer.AsSpan(0, read), File, batch.Issues.Add);
    }

    /// <summary>
    /// Reads the chunk up to its free-space offset and zeroes the slack after it instead of reading it: records end
    /// there, and most chunks of small logs are mostly slack. A chunk whose header cannot say where its records end,
    /// and every chunk under --recover (which carves the slack), is read whole. Returns the bytes the chunk holds.
    /// </summary>
    private int ReadChunk(Span<byte> chunk)
    {
        if (_options.Recover || chunk.Length <= FirstRead) return _source.Read(_fileOffset, chunk);
        int n = _source.Read(_fileOffset, chunk[..FirstRead]);
        if (n < FirstRead) return n;
        int used = UsedLength(chunk);
        if (used > FirstRead)
        {
            int rest = _source.Read(_fileOffset + FirstRead, chunk[FirstRead..used]);
            if (rest < used - FirstRead) return FirstRead + rest;
        }
        // Pooled buffers hold an earlier chunk's bytes: what a crafted record might reach past its end must read the same every run.
        chunk[used..].Clear();
        return chunk.Length;
    }

    /// <summary>The free-space offset when the header is a chunk header and the offset is sane, else the whole chunk.</summary>
    private static int UsedLength(ReadOnlySpan<byte> chunk)
    {
        if (!chunk.StartsWith("ElfChnk\0"u8)) return chunk.Length;
        int freeSpace = BinaryPrimitives.ReadInt32LittleEndian(chunk[48..]);
        return freeSpace >= HeaderSize && freeSpace <= chunk.Length ? Math.Max(freeSpace, FirstRead) : chunk.Length;
    }
}
