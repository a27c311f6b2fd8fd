using System.Buffers.Binary;
using Huntsman.Events;
using Huntsman.Evtx.BinXml;
using Huntsman.Readers;

namespace Huntsman.Evtx;

/// <summary>
/// Reads one chunk: header checks, then every record from offset 512 to the free-space offset. A damaged
/// record is an issue (record id + file offset) and reading goes on with the next record, resynchronised
/// by size when it is sane, else by scanning for the next record signature whose size matches its copy.
/// </summary>
internal sealed partial class EvtxChunkReader
{
    private const int HeaderSize = 512;
    private const int RecordHeaderSize = 24;
    private const int MinRecordSize = RecordHeaderSize + 4;
    private const uint ChunkFlagNoCrc32 = 0x4;
    private static ReadOnlySpan<byte> ChunkSignature => "ElfChnk\0"u8;
    private static ReadOnlySpan<byte> RecordSignature => "**\0\0"u8;

    private readonly string _file;
    private readonly int _chunkIndex;
    private readonly long _fileOffset;
    private readonly byte[] _bytes;
    private readonly int _length;
    private readonly ReaderOptions _options;
    private readonly EventBatch _batch;
    private readonly bool _usePlans;
    private readonly EvtxRecoveryIndex? _recovery;
    /// <summary>The thread's decoder, rented for the duration of <see cref="Read"/>.</summary>
    private ChunkDecoder _decoder = null!;

    /// <param name="usePlans">False makes every record take the tree walk (tests compare both paths).</param>
    /// <param name="recovery">With --recover: the file-wide choice of carved records to keep (null keeps all).</param>
    public EvtxChunkReader(string file, int chunkIndex, long fileOffset, byte[] bytes, int length, ReaderOptions options, EventBatch batch,
        bool usePlans = true, EvtxRecoveryIndex? recovery = null)
    {
        _recovery = recovery;
        _file = file;
        _chunkIndex = chunkIndex;
        _fileOffset = fileOffset;
        _bytes = bytes;
        _length = Math.Min(length, EvtxFileHeader.ChunkSize);
        _options = options;
        _batch = batch;
        _usePlans = usePlans;
    }

    private ReadOnlySpan<byte> Data => new(_bytes, 0, _length);

    public void Read()
    {
        // Templates' field plans are the fast path; the full document needs the tree walk.
        _decoder = ChunkDecoder.Rent(_bytes, _length, _options.KeepDocument, _usePlans && !_options.KeepDocument);
        try { ReadChunk(); }
        finally { _decoder.Return(); }
    }

    private void ReadChunk()
    {
        var data = Data;
        if (data.IndexOfAnyExcept((byte)0) < 0) return; // unused slot
        if (!data.StartsWith(ChunkSignature))
        {
            Issue("bad chunk signature (not ElfChnk)", 0);
            if (_options.Recover) Carve(0, _length, null);
            return;
        }
        if (_length < HeaderSize)
        {
            Issue($"chunk header truncated ({_length} of {HeaderSize} bytes)", 0);
            return;
        }
        int freeSpace = BinaryPrimitives.ReadInt32LittleEndian(data[48..]);
        if (_options.ValidateChecksums && !ChecksumsMatch(data, freeSpace)) return;
        int end = freeSpace;
        if (end < HeaderSize || end > _length)
        {
            if (end > EvtxFileHeader.ChunkSize || end < HeaderSize)
                Issue($"free-space offset 0x{freeSpace:x} is outside the chunk; reading records up to the chunk end", 48, IssueSeverity.Warning);
            end = _length;
        }
        // Records in the chunk per its header (last - first + 1), bounded: sizes the event list once.
        long declared = BinaryPrimitives.ReadInt64LittleEndian(data[16..]) - BinaryPrimitives.ReadInt64LittleEndian(data[8..]) + 1;
        if (declared is > 0 and <= 4096) _batch.Events.Capacity = Math.Max(_batch.Events.Capacity, (int)declared);
        var seen = _options.Recover ? new HashSet<long>() : null;
        ReadRecords(HeaderSize, end, seen);
        if (_options.Recover && end < _length) Carve(end, _length, seen);
    }

    private bool ChecksumsMatch(ReadOnlySpan<byte> data, int freeSpace)
    {
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(data[120..]);
        if ((flags & ChunkFlagNoCrc32) != 0) return true;
        uint headerCrc = Crc32.Append(Crc32.Compute(data[..120]), data[128..HeaderSize]);
        if (headerCrc != BinaryPrimitives.ReadUInt32LittleEndian(data[124..]))
        {
            Issue("chunk header CRC32 mismatch; chunk skipped", 124);
            return false;
        }
        if (freeSpace < HeaderSize || freeSpace > _length
            || Crc32.Compute(data[HeaderSize..freeSpace]) != BinaryPrimitives.ReadUInt32LittleEndian(data[52..]))
        {
            Issue("chunk record data CRC32 mismatch; chunk skipped", 52);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Follows the chain of records from <paramref name="pos"/> by their sizes. A record whose header cannot be
    /// trusted ends the chain: what lies after it is only carved with --recover (marked recovered).
    /// </summary>
    private void ReadRecords(int pos, int end, HashSet<long>? seen)
    {
        var data = Data;
        while (pos + MinRecordSize <= end)
        {
            if (!data[pos..].StartsWith(RecordSignature))
            {
                if (data[pos..end].IndexOfAnyExcept((byte)0) < 0) return; // zero padding to the end
                BreakChain("no record signature where a record should start", pos, null, seen);
                return;
            }
            int size = BinaryPrimitives.ReadInt32LittleEndian(data[(pos + 4)..]);
            long id = BinaryPrimitives.ReadInt64LittleEndian(data[(pos + 8)..]);
            if (size < MinRecordSize || size > _length - pos)
            {
                BreakChain($"record size {size} does not fit the chunk", pos, id, seen);
                return;
            }
            int copy = BinaryPrimitives.ReadInt32LittleEndian(data[(pos + size - 4)..]);
            if (copy != size)
            {
                // A torn record: its BinXML is self-delimiting, so it is still decoded when it can be.
                Issue($"record size {size} differs from its trailing copy {copy}", pos, IssueSeverity.Warning, id);
                bool decoded = Decode(pos, size, id, recovered: false);
                if (decoded) seen?.Add(id);
                if (!decoded && !IsRecordBoundary(pos + size, end))
                {
                    BreakChain("record chain broken after a torn record", pos + size, id, seen);
                    return;
                }
                pos += size;
                continue;
            }
            if (Decode(pos, size, id, recovered: false)) seen?.Add(id);
            pos += size;
        }
    }

    private void BreakChain(string reason, int pos, long? id, HashSet<long>? seen)
    {
        _batch.SkippedCount++;
        Issue(_options.Recover ? reason + "; carving the rest of the chunk" : reason + "; rest of the chunk skipped (use --recover to carve it)", pos, id: id);
        if (_options.Recover) Carve(pos + 1, _length, seen);
    }

    /// <summary>True when a record may end here: at the end of the data, or right before another record signature.</summary>
    private bool IsRecordBoundary(int pos, int end) => pos >= end || Data[pos..].StartsWith(RecordSignature);

    /// <summary>The next offset ≥ <paramref name="from"/> holding a record signature whose size matches its copy, or -1.</summary>
    private int NextRecord(int from, int end)
    {
        var data = Data;
        while (from + MinRecordSize <= end)
        {
            int hit = data[from..end].IndexOf(RecordSignature);
            if (hit < 0) return -1;
            int pos = from + hit;
            if (pos + MinRecordSize > _length) return -1;
            int size = BinaryPrimitives.ReadInt32LittleEndian(data[(pos + 4)..]);
            if (size >= MinRecordSize && size <= _length - pos && BinaryPrimitives.ReadInt32LittleEndian(data[(pos + size - 4)..]) == size)
                return pos;
            from = pos + 1;
        }
        return -1;
    }

    /// <summary>Decodes the record at <paramref name="pos"/> into an event; a failure becomes an issue (counted as skipped unless carving).</summary>
    private bool Decode(int pos, int size, long id, bool recovered)
    {
        try
        {
            _decoder.Builder.Begin();
            _decoder.Walker.WalkRecord(pos + RecordHeaderSize, pos + size - 4);
            long written = BinaryPrimitives.ReadInt64LittleEndian(Data[(pos + 16)..]);
            var e = _decoder.Builder.Finish(id, ValueRenderer.ToDateTime(written));
            e.Origin = new EventOrigin(_file, _chunkIndex, _fileOffset + pos, 0, recovered);
            if (recovered && _recovery is not null && !_recovery.Keep(e.RecordId, _fileOffset + pos)) return true; // read elsewhere
            EventNormalizer.Normalize(e);
            _batch.Events.Add(e);
            if (recovered) _batch.RecoveredCount++;
            return true;
        }
        catch (Exception ex) when (ex is BinXmlException or ArgumentException or IndexOutOfRangeException or InvalidOperationException or FormatException or OverflowException)
        {
            if (!recovered)
            {
                var at = ex is BinXmlException b ? b.Offset : pos;
                Issue($"record cannot be decoded: {ex.Message}", at, id: id);
                _batch.SkippedCount++;
            }
            return false;
        }
    }

    private void Issue(string reason, int chunkOffset, IssueSeverity severity = IssueSeverity.Error, long? id = null) =>
        _batch.Issues.Add(new ReadIssue(_file, reason, severity, _chunkIndex, _fileOffset + chunkOffset, id));
}
