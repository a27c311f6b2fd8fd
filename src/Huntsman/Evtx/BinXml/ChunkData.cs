using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// The bytes of one chunk plus what is decoded from them once: names (by offset) and compiled
/// templates (by definition offset). Every read is bounds-checked and throws <see cref="BinXmlException"/>.
/// </summary>
internal sealed class ChunkData
{
    /// <summary>Deepest element nesting and nested-BinXML/template recursion accepted before a record is called damaged.</summary>
    public const int MaxDepth = 64;
    private const int TemplateHeaderSize = 24;

    private readonly Dictionary<int, string> _names = new(64);
    private readonly Dictionary<int, CompiledTemplate> _templates = new(32);
    private readonly HashSet<int> _compiling = new();
    private readonly TemplateCache _shared = TemplateCache.Shared;
    private readonly StringPool _pool = StringPool.ForThread;
    /// <summary>While a template compiles for the shared cache: every name reference it reads (see <see cref="TemplateCache.NameRef"/>).</summary>
    private List<TemplateCache.NameRef>? _nameDeps;
    /// <summary>Set when the template being recorded holds a nested template instance (then it is not shared).</summary>
    private bool _nestedInstance;

    public byte[] Bytes { get; private set; } = [];
    /// <summary>Bytes of the chunk actually present (less than 64 KiB for a truncated trailing chunk).</summary>
    public int Length { get; private set; }

    /// <summary>Starts on another chunk: what was decoded from the previous one is forgotten (the tables keep their capacity).</summary>
    public void Reset(byte[] bytes, int length)
    {
        Bytes = bytes;
        Length = length;
        _names.Clear();
        _templates.Clear();
        _compiling.Clear();
        _nameDeps = null;
        _nestedInstance = false;
    }

    public ReadOnlySpan<byte> Span(int offset, int length)
    {
        Need(offset, length, "data");
        return new ReadOnlySpan<byte>(Bytes, offset, length);
    }

    public void Need(int offset, int length, string what)
    {
        if (offset < 0 || length < 0 || (long)offset + length > Length)
            throw new BinXmlException($"{what} needs {length} bytes at 0x{offset:x}, beyond the chunk", offset);
    }

    public byte U8(int offset)
    {
        Need(offset, 1, "byte");
        return Bytes[offset];
    }

    public ushort U16(int offset)
    {
        Need(offset, 2, "u16");
        return BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(offset));
    }

    public int U32(int offset, string what)
    {
        Need(offset, 4, what);
        return BinaryPrimitives.ReadInt32LittleEndian(Bytes.AsSpan(offset));
    }

    /// <summary>
    /// Reads a name reference at <paramref name="pos"/> (u32 offset). When the offset points right after
    /// itself the name structure is inline and is skipped; otherwise it is a back-reference.
    /// </summary>
    public string ReadNameRef(ref int pos)
    {
        int field = pos;
        int nameOffset = U32(pos, "name offset");
        pos += 4;
        if (nameOffset == pos)
        {
            var name = DecodeName(nameOffset, out int size);
            pos += size;
            _nameDeps?.Add(new TemplateCache.NameRef(field, true, name));
            return name;
        }
        var shared = DecodeName(nameOffset, out _);
        _nameDeps?.Add(new TemplateCache.NameRef(field, false, shared));
        return shared;
    }

    private string DecodeName(int offset, out int size)
    {
        // u32 next-in-bucket, u16 hash, u16 char count, UTF-16LE chars, NUL.
        int count = U16(offset + 6);
        size = 8 + count * 2 + 2;
        if (_names.TryGetValue(offset, out var cached)) return cached;
        Need(offset + 8, count * 2, "name");
        // Pooled: the same few dozen names come back in every chunk, and become the field names of every event.
        var name = _pool.Get(MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>(Bytes, offset + 8, count * 2)));
        _names[offset] = name;
        return name;
    }

    /// <summary>True when the name structure at <paramref name="offset"/> holds <paramref name="name"/> (compared as bytes: nothing decoded).</summary>
    private bool NameIs(int offset, string name)
    {
        if (offset < 0 || (long)offset + 8 + name.Length * 2 > Length) return false;
        return BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(offset + 6)) == name.Length
            && MemoryMarshal.AsBytes(name.AsSpan()).SequenceEqual(new ReadOnlySpan<byte>(Bytes, offset + 8, name.Length * 2));
    }

    /// <summary>
    /// Reads a TemplateInstance token at <paramref name="pos"/> up to its values: resolves the definition
    /// (inline, cached, or compiled from a validated back-reference) and leaves <paramref name="pos"/> on the value count.
    /// </summary>
    public CompiledTemplate ReadTemplateInstance(ref int pos, int depth)
    {
        // token, u8 unknown, u32 template id, u32 definition offset
        int defOffset = U32(pos + 6, "template definition offset");
        pos += 10;
        if (defOffset == pos)
        {
            var inline = GetTemplate(defOffset, depth, out int size);
            pos += size;
            return inline;
        }
        return GetTemplate(defOffset, depth, out _);
    }

    private CompiledTemplate GetTemplate(int offset, int depth, out int size)
    {
        int dataSize = U32(offset + 20, "template data size");
        if (dataSize < 0 || (long)offset + TemplateHeaderSize + dataSize > Length)
            throw new BinXmlException($"template at 0x{offset:x} claims {dataSize} bytes beyond the chunk", offset);
        size = TemplateHeaderSize + dataSize;
        if (_templates.TryGetValue(offset, out var cached)) return cached;
        if (depth > MaxDepth || !_compiling.Add(offset))
            throw new BinXmlException($"template at 0x{offset:x} refers to itself", offset);
        try
        {
            var template = _nameDeps is null && offset >= 0 ? CompileShared(offset, dataSize, depth) : CompileNested(offset, dataSize, depth);
            _templates[offset] = template;
            return template;
        }
        finally { _compiling.Remove(offset); }
    }

    /// <summary>A template met while another compiles: the outer one then depends on this chunk's bytes elsewhere.</summary>
    private CompiledTemplate CompileNested(int offset, int dataSize, int depth)
    {
        _nestedInstance = true;
        int start = offset + TemplateHeaderSize;
        return new CompiledTemplate(new FragmentCompiler(this, dependencyIds: true, depth + 1).Compile(start, start + dataSize));
    }

    /// <summary>Reuses the compilation of an identical definition from an earlier chunk (any thread's), or compiles and records it.</summary>
    private CompiledTemplate CompileShared(int offset, int dataSize, int depth)
    {
        var id = new Guid(new ReadOnlySpan<byte>(Bytes, offset + 4, 16));
        if (_shared.Candidates(dataSize, id, depth) is { } candidates)
            foreach (var entry in candidates)
                if (Matches(entry, offset)) return entry.Template;
        int start = offset + TemplateHeaderSize;
        _nameDeps = new List<TemplateCache.NameRef>();
        _nestedInstance = false;
        List<TemplateCache.NameRef> names;
        XmlNode[] roots;
        int consumed;
        try
        {
            var compiler = new FragmentCompiler(this, dependencyIds: true, depth + 1);
            roots = compiler.Compile(start, start + dataSize);
            consumed = Math.Min(Math.Max(compiler.Consumed, start + dataSize), Length);
        }
        finally
        {
            names = _nameDeps;
            _nameDeps = null;
        }
        var template = new CompiledTemplate(roots);
        if (!_nestedInstance)
        {
            // Name fields become chunk-relative: the entry also serves the same definition at another offset.
            var refs = names.ToArray();
            for (int i = 0; i < refs.Length; i++) refs[i] = refs[i] with { Field = refs[i].Field - offset };
            _shared.Add(dataSize, id, depth, new TemplateCache.Entry(Bytes.AsSpan(offset, consumed - offset).ToArray(), refs, template));
        }
        return template;
    }

    /// <summary>
    /// True when compiling the definition at <paramref name="offset"/> would give the entry's template: the same bytes
    /// (the unread next-in-bucket link and the name-offset fields aside), every inline name still inline (its field
    /// pointing right after itself) and every back-referenced name decoding to the same text.
    /// </summary>
    private bool Matches(TemplateCache.Entry entry, int offset)
    {
        var cached = entry.Bytes.AsSpan();
        if ((long)offset + cached.Length > Length) return false;
        var current = new ReadOnlySpan<byte>(Bytes, offset, cached.Length);
        int at = 4; // the next-in-bucket link is never read by the compilation
        foreach (var name in entry.Names)
        {
            if (!current[at..name.Field].SequenceEqual(cached[at..name.Field])) return false;
            int target = BinaryPrimitives.ReadInt32LittleEndian(current[name.Field..]);
            int afterField = offset + name.Field + 4;
            if (name.Inline ? target != afterField : target == afterField || !NameIs(target, name.Name)) return false;
            at = name.Field + 4;
        }
        return current[at..].SequenceEqual(cached[at..]);
    }

    /// <summary>
    /// Reads a template instance's value table at <paramref name="pos"/> (u32 count, count × {u16 size, u8 type, u8 pad},
    /// then the values back to back) into <paramref name="values"/>; returns the count and moves past the values.
    /// </summary>
    public int ReadValues(ref int pos, int end, ref BinXmlValue[] values)
    {
        int count = U32(pos, "value count");
        pos += 4;
        if (count < 0 || (long)count * 4 > end - pos)
            throw new BinXmlException($"value count {count} does not fit the record", pos - 4);
        if (values.Length < count) values = new BinXmlValue[Math.Max(count, values.Length * 2)];
        int data = pos + count * 4;
        for (int i = 0; i < count; i++)
        {
            int size = BinaryPrimitives.ReadUInt16LittleEndian(Bytes.AsSpan(pos + i * 4));
            byte type = Bytes[pos + i * 4 + 2];
            if (data + size > end)
                throw new BinXmlException($"value {i} ({size} bytes) runs past the record end", data);
            values[i] = new BinXmlValue(type, data, size);
            data += size;
        }
        pos = data;
        return count;
    }
}
