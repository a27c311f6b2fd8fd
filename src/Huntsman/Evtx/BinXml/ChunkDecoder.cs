namespace Huntsman.Evtx.BinXml;

/// <summary>
/// What decodes the records of one chunk (its data and caches, the event builder, the walker), reused chunk after
/// chunk on a thread: building them for every 64 KiB chunk (name and template tables, frame and value arrays)
/// allocated about as much as the chunk's twenty-odd events. Rented and returned, so a chunk read while another is
/// being read on the same thread gets its own.
/// </summary>
internal sealed class ChunkDecoder
{
    [ThreadStatic] private static ChunkDecoder? t_idle;

    private ChunkDecoder()
    {
        Chunk = new ChunkData();
        Builder = new EventBuilder();
        Walker = new BinXmlWalker(Chunk, Builder);
    }

    public ChunkData Chunk { get; }
    public EventBuilder Builder { get; }
    public BinXmlWalker Walker { get; }

    /// <param name="usePlans">False makes every record take the tree walk (the full document needs it; tests compare both paths).</param>
    public static ChunkDecoder Rent(byte[] bytes, int length, bool keepDocument, bool usePlans)
    {
        var decoder = t_idle ?? new ChunkDecoder();
        t_idle = null;
        decoder.Chunk.Reset(bytes, length);
        decoder.Builder.Reset(bytes, keepDocument);
        decoder.Walker.Reset(usePlans);
        return decoder;
    }

    /// <summary>The chunk is read: forget its buffer (pooled, soon someone else's) and become this thread's idle decoder.</summary>
    public void Return()
    {
        Chunk.Reset([], 0);
        Builder.Reset([], keepDocument: false);
        t_idle = this;
    }
}
