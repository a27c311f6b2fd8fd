using System.Collections.Concurrent;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Process-wide cache of compiled templates across chunks: the chunks of a log define the same templates again and
/// again, and compiling them for every chunk costs more than reading the chunk's few records. Shared by all reading
/// threads: per thread, every worker compiled the whole corpus's templates again (2 threads: twice the compilations,
/// and each thread started cold). An entry is reused only when everything its compilation read is equivalent: the
/// bytes from the definition to the furthest byte consumed (name-offset fields aside, which move with the definition),
/// inline names still inline, and every name read by back-reference decoding to the same text. Templates holding nested
/// template instances depend on more of the chunk and are never cached. Bounded: cleared when full.
/// </summary>
internal sealed class TemplateCache
{
    private const int MaxEntries = 2048;

    public static TemplateCache Shared { get; } = new();

    /// <summary>A name-offset field read by the compilation: inline (pointing right after itself) or a back-reference to <see cref="Name"/>.</summary>
    internal readonly record struct NameRef(int Field, bool Inline, string Name);

    /// <summary>Immutable once added: read by any thread without a lock.</summary>
    internal sealed class Entry(byte[] bytes, NameRef[] names, CompiledTemplate template)
    {
        /// <summary>The chunk bytes from the definition's offset to the furthest byte its compilation consumed.</summary>
        public byte[] Bytes { get; } = bytes;
        /// <summary>The name fields, in byte order, with <see cref="NameRef.Field"/> relative to the definition.</summary>
        public NameRef[] Names { get; } = names;
        public CompiledTemplate Template { get; } = template;
    }

    /// <summary>Entries per key, replaced (never changed) when one is added, so a reader's array stays valid.</summary>
    private readonly ConcurrentDictionary<(int DataSize, Guid Id, int Depth), Entry[]> _entries = new();
    private int _count;

    public Entry[]? Candidates(int dataSize, Guid id, int depth) =>
        _entries.TryGetValue((dataSize, id, depth), out var list) ? list : null;

    public void Add(int dataSize, Guid id, int depth, Entry entry)
    {
        // Two threads may add at once: the bound is approximate by that much.
        if (Interlocked.Increment(ref _count) > MaxEntries) Clear();
        _entries.AddOrUpdate((dataSize, id, depth), static (_, e) => [e], static (_, list, e) => [.. list, e], entry);
    }

    /// <summary>Forgets every entry (the bench starts each measurement cold, as a new process would).</summary>
    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _count, 0);
    }
}
