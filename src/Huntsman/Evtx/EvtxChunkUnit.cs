using System.Buffers;
using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Evtx;

/// <summary>One 64 KiB chunk slot of an EVTX file, read on its own (any thread) into a pooled buffer.</summary>
internal sealed class EvtxChunkUnit(EvtxSource source, int chunkIndex, long fileOffset, int length, ReaderOptions options, bool usePlans,
    EvtxRecoveryIndex? recovery = null)
    : EvidenceUnit(source.Name, chunkIndex, length)
{
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
            try { n = _source.Read(_fileOffset, buffer.AsSpan(0, (int)Length)); }
            finally { _source.UnitDone(); }
            if (n < Length)
                batch.Issues.Add(new ReadIssue(File, $"chunk cut short: {n} of {Length} bytes could be read", ChunkIndex: Ordinal, Offset: _fileOffset));
            new EvtxChunkReader(File, Ordinal, _fileOffset, buffer, n, _options, batch, _usePlans, _recovery).Read();
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return batch;
    }
}
