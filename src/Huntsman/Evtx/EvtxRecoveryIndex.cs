using System.Buffers;
using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Evtx;

/// <summary>
/// For --recover: which carved records to keep. Slack space often holds stale copies of records that another
/// chunk holds in its normal chain, or several carved copies of one record. A first pass over the whole file
/// (every chunk read with carving) collects the normally read record ids and, for every other id, the file
/// offset of its first decodable carved copy; units then keep only those. Recovery costs a second read.
/// </summary>
internal sealed class EvtxRecoveryIndex
{
    private readonly HashSet<long> _normal = new();
    private readonly Dictionary<long, long> _firstCarved = new();

    /// <summary>True when the record carved at <paramref name="fileOffset"/> is the one copy to report.</summary>
    public bool Keep(long recordId, long fileOffset) =>
        !_normal.Contains(recordId) && _firstCarved.TryGetValue(recordId, out var first) && first == fileOffset;

    public static EvtxRecoveryIndex Build(EvtxSource source, long slots, int tail, ReaderOptions options)
    {
        var index = new EvtxRecoveryIndex();
        var carved = new List<(long Id, long Offset)>();
        var buffer = ArrayPool<byte>.Shared.Rent(EvtxFileHeader.ChunkSize);
        try
        {
            for (long i = 0; i < slots + (tail > 0 ? 1 : 0); i++)
            {
                long offset = EvtxFileHeader.Size + i * EvtxFileHeader.ChunkSize;
                int length = i < slots ? EvtxFileHeader.ChunkSize : tail;
                int n = source.Read(offset, buffer.AsSpan(0, length));
                var batch = new EventBatch(new EvtxChunkUnit(source, (int)i, offset, length, options, usePlans: true));
                try { new EvtxChunkReader(source.Name, (int)i, offset, buffer, n, options, batch).Read(); }
                catch (Exception ex) when (ex is not OutOfMemoryException) { continue; } // reported by the real pass
                foreach (var e in batch.Events)
                {
                    if (e.Origin.Recovered) carved.Add((e.RecordId, e.Origin.Offset));
                    else index._normal.Add(e.RecordId);
                }
            }
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        foreach (var (id, offset) in carved)
            if (!index._normal.Contains(id)) index._firstCarved.TryAdd(id, offset);
        return index;
    }
}
