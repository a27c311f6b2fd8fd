namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Per-thread cache of compiled templates across chunks: consecutive chunks of a log define the same templates at
/// the same offsets, and compiling them again for every chunk costs more than reading the chunk's few records.
/// An entry is reused only when everything its compilation read is identical: the bytes from the definition to the
/// furthest byte consumed, and every name it read by back-reference elsewhere in the chunk. Templates holding nested
/// template instances depend on more of the chunk and are never cached. Bounded: cleared when full.
/// </summary>
internal sealed class TemplateCache
{
    private const int MaxEntries = 2048;

    [ThreadStatic] private static TemplateCache? t_cache;

    public static TemplateCache ForThread => t_cache ??= new TemplateCache();

    internal sealed class Entry(byte[] bytes, (int Offset, string Name)[] names, CompiledTemplate template)
    {
        /// <summary>The chunk bytes from the definition's offset to the furthest byte its compilation consumed.</summary>
        public byte[] Bytes { get; } = bytes;
        /// <summary>Names read by back-reference: each must decode the same in the chunk that reuses the entry.</summary>
        public (int Offset, string Name)[] Names { get; } = names;
        public CompiledTemplate Template { get; } = template;
    }

    private readonly Dictionary<(int Offset, int DataSize, Guid Id, int Depth), List<Entry>> _entries = new();
    private int _count;

    public List<Entry>? Candidates(int offset, int dataSize, Guid id, int depth) =>
        _entries.TryGetValue((offset, dataSize, id, depth), out var list) ? list : null;

    public void Add(int offset, int dataSize, Guid id, int depth, Entry entry)
    {
        if (_count >= MaxEntries)
        {
            _entries.Clear();
            _count = 0;
        }
        if (!_entries.TryGetValue((offset, dataSize, id, depth), out var list)) _entries[(offset, dataSize, id, depth)] = list = new List<Entry>(1);
        list.Add(entry);
        _count++;
    }
}
