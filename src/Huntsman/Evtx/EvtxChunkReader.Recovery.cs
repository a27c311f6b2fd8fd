using System.Buffers.Binary;

namespace Huntsman.Evtx;

/// <summary>--recover: records carved from slack space and from chunks whose header is damaged.</summary>
internal sealed partial class EvtxChunkReader
{
    /// <summary>
    /// Carves [from, to): every record signature whose size matches its trailing copy and whose BinXML
    /// decodes becomes an event marked recovered, unless its record id was already read in this chunk.
    /// </summary>
    private void Carve(int from, int to, HashSet<long>? seen)
    {
        var data = Data;
        int pos = Math.Max(from, 0);
        while ((pos = NextRecord(pos, to)) >= 0)
        {
            int size = BinaryPrimitives.ReadInt32LittleEndian(data[(pos + 4)..]);
            long id = BinaryPrimitives.ReadInt64LittleEndian(data[(pos + 8)..]);
            if (seen is not null && seen.Contains(id))
            {
                pos += size;
                continue;
            }
            if (Decode(pos, size, id, recovered: true))
            {
                seen?.Add(id);
                pos += size;
            }
            else pos += 4;
        }
    }
}
