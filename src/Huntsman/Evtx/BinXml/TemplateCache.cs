namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Per-thread cache of compiled templates across chunks: the chunks of a log define the same templates again and
/// again, and compiling them for every chunk costs more than reading the chunk's few records. An entry is reused
/// only when everything its compilation read is equivalent: the bytes from the definition to the furthest byte
/// consumed (name-offset fields aside, which move with the definition), inline names still inline, and every name
/// read by back-reference decoding to the same text. Templates holding nested
/// template instances depend on more of the chunk and are never cached. Bounded: cleared when full.
/// </summary>
internal sealed class TemplateCache
{
    private const int MaxEntries = 2048;

    [ThreadStatic] private static TemplateCache? t_cache;

    public static TemplateCache ForThread => t_cache ??= new TemplateCache();

    /// <summary>A name-offset field read by the compilation: inline (pointing right after itself) or a back-reference to <see cref="Name"/>.</summary>
    internal readonly record struct NameRef(int Field, bool Inline, string Name);

    internal sealed class Entry(byte[] bytes, NameRef[] names, CompiledTemplate template)
    {
        /// <summary>The chunk bytes from the definition's offset to the furthest byte its compilation consumed.</summary>
        public byte[] Bytes { get; } = bytes;
        /// <summary>The name fields, in byte order, with <see cref="NameRef.Field"/> relative to the definition.</summary>
        public NameRef[] Names { get; } = names;
        public CompiledTemplate Template { get; } = template;
    }

    private readonly Dictionary<(int DataSize, Guid Id, int Depth), List<Entry>> _entries = new();
    private int _count;

    public List<Entry>? Candidates(int dataSize, Guid id, int depth) =>
        _entries.TryGetValue((dataSize, id, depth), out var list) ? list : null;

    public void Add(int dataSize, Guid id, int depth, Entry entry)
    {
        if (_count >= MaxEntries)
        {
            _entries.Clear();
            _count = 0;
        }
        if (!_entries.TryGetValue((dataSize, id, depth), out var list)) _entries[(dataSize, id, depth)] = list = new List<Entry>(1);
        list.Add(entry);
        _count++;
    }
}
