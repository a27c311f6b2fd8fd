using System.Buffers.Binary;
using System.Text;
using Huntsman.Evtx;

namespace Huntsman.Tests.Evtx;

/// <summary>
/// Writes small EVTX files for tests: a file header, chunks with valid CRCs, inline and back-referenced
/// names and template definitions, records, and substitution values of every type (nested BinXML included).
/// </summary>
internal sealed class EvtxTestWriter
{
    private readonly List<byte[]> _chunks = new();

    public EvtxChunkWriter NewChunk() => new(this);

    internal void Add(byte[] chunk) => _chunks.Add(chunk);

    /// <summary>The file; <paramref name="headerChunkCount"/> overrides the (u16) count to make it stale.</summary>
    public byte[] ToFile(int? headerChunkCount = null, uint flags = 0, bool corruptHeaderCrc = false)
    {
        var file = new byte[4096 + 65536 * _chunks.Count];
        var h = file.AsSpan();
        "ElfFile\0"u8.CopyTo(h);
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], Math.Max(0, _chunks.Count - 1));
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], 1000);
        BinaryPrimitives.WriteInt32LittleEndian(h[32..], 128);
        BinaryPrimitives.WriteUInt16LittleEndian(h[36..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(h[38..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(h[40..], 4096);
        BinaryPrimitives.WriteUInt16LittleEndian(h[42..], (ushort)(headerChunkCount ?? _chunks.Count));
        BinaryPrimitives.WriteUInt32LittleEndian(h[120..], flags);
        BinaryPrimitives.WriteUInt32LittleEndian(h[124..], Crc32.Compute(h[..120]) ^ (corruptHeaderCrc ? 1u : 0u));
        for (int i = 0; i < _chunks.Count; i++) _chunks[i].CopyTo(file, 4096 + 65536 * i);
        return file;
    }
}

/// <summary>One chunk being written; records are appended from offset 512.</summary>
internal sealed class EvtxChunkWriter
{
    private readonly EvtxTestWriter _file;
    private readonly Dictionary<string, int> _names = new();
    private readonly Dictionary<string, int> _templates = new();
    private long _firstId = -1, _lastId = -1;
    private int _lastRecord = 512;

    internal EvtxChunkWriter(EvtxTestWriter file) => _file = file;

    public byte[] Bytes { get; } = new byte[65536];
    public int Position { get; set; } = 512;

    /// <summary>Appends a record whose BinXML is written by <paramref name="body"/>.</summary>
    public int AddRecord(long id, Action<BinXmlWriter> body, DateTime? written = null)
    {
        int start = Position;
        var w = new BinXmlWriter(this, dependencyIds: false);
        w.Raw("**\0\0"u8);
        w.U32(0);
        w.U64((ulong)id);
        w.U64((ulong)(written ?? new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)).ToFileTimeUtc());
        body(w);
        int size = Position - start + 4;
        w.U32((uint)size);
        BinaryPrimitives.WriteInt32LittleEndian(Bytes.AsSpan(start + 4), size);
        if (_firstId < 0) _firstId = id;
        _lastId = id;
        _lastRecord = start;
        return start;
    }

    /// <summary>Writes the header (with CRCs) and adds the chunk to the file.</summary>
    public byte[] Finish(bool corruptMagic = false, bool corruptDataCrc = false)
    {
        var h = Bytes.AsSpan();
        (corruptMagic ? "ElfChnX\0"u8 : "ElfChnk\0"u8).CopyTo(h);
        BinaryPrimitives.WriteInt64LittleEndian(h[8..], Math.Max(_firstId, 0));
        BinaryPrimitives.WriteInt64LittleEndian(h[16..], _lastId);
        BinaryPrimitives.WriteInt64LittleEndian(h[24..], Math.Max(_firstId, 0));
        BinaryPrimitives.WriteInt64LittleEndian(h[32..], _lastId);
        BinaryPrimitives.WriteInt32LittleEndian(h[40..], 128);
        BinaryPrimitives.WriteInt32LittleEndian(h[44..], _lastRecord);
        BinaryPrimitives.WriteInt32LittleEndian(h[48..], Position);
        BinaryPrimitives.WriteUInt32LittleEndian(h[52..], Crc32.Compute(h[512..Position]) ^ (corruptDataCrc ? 1u : 0u));
        BinaryPrimitives.WriteUInt32LittleEndian(h[124..], Crc32.Append(Crc32.Compute(h[..120]), h[128..512]));
        _file.Add(Bytes);
        return Bytes;
    }

    internal bool TryGetName(string name, out int offset) => _names.TryGetValue(name, out offset);
    internal void RememberName(string name, int offset) => _names[name] = offset;
    internal bool TryGetTemplate(string key, out int offset) => _templates.TryGetValue(key, out offset);
    internal void RememberTemplate(string key, int offset) => _templates[key] = offset;
}

/// <summary>A substitution value: raw bytes of a type, or nested BinXML written in place.</summary>
internal sealed record TestValue(byte Type, byte[]? Bytes = null, Action<BinXmlWriter>? Nested = null)
{
    public static TestValue Null => new(0x00, []);
    public static TestValue Str(string s) => new(0x01, Encoding.Unicode.GetBytes(s));
    public static TestValue U8(byte v) => new(0x04, [v]);
    public static TestValue U16(ushort v) => new(0x06, BitConverter.GetBytes(v));
    public static TestValue U32(uint v) => new(0x08, BitConverter.GetBytes(v));
    public static TestValue U64(ulong v) => new(0x0a, BitConverter.GetBytes(v));
    public static TestValue Hex64(ulong v) => new(0x15, BitConverter.GetBytes(v));
    public static TestValue FileTime(DateTime t) => new(0x11, BitConverter.GetBytes(t.ToFileTimeUtc()));
    public static TestValue Guid(Guid g) => new(0x0f, g.ToByteArray());
    public static TestValue Sid(string sid)
    {
        var parts = sid.Split('-');
        var subs = parts.Skip(3).Select(uint.Parse).ToArray();
        var b = new byte[8 + subs.Length * 4];
        b[0] = byte.Parse(parts[1]);
        b[1] = (byte)subs.Length;
        ulong authority = ulong.Parse(parts[2]);
        for (int i = 0; i < 6; i++) b[7 - i] = (byte)(authority >> (8 * i));
        for (int i = 0; i < subs.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(8 + i * 4), subs[i]);
        return new(0x13, b);
    }
    public static TestValue BinXml(Action<BinXmlWriter> nested) => new(0x21, Nested: nested);
}

/// <summary>Writes BinXML tokens at the chunk's position (offsets in BinXML are chunk-relative).</summary>
internal sealed class BinXmlWriter(EvtxChunkWriter chunk, bool dependencyIds)
{
    private readonly EvtxChunkWriter _chunk = chunk;
    private readonly bool _dependencyIds = dependencyIds;

    public void Raw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_chunk.Bytes.AsSpan(_chunk.Position));
        _chunk.Position += bytes.Length;
    }

    public void U8(byte v) => Raw([v]);
    public void U16(ushort v) { Span<byte> b = stackalloc byte[2]; BinaryPrimitives.WriteUInt16LittleEndian(b, v); Raw(b); }
    public void U32(uint v) { Span<byte> b = stackalloc byte[4]; BinaryPrimitives.WriteUInt32LittleEndian(b, v); Raw(b); }
    public void U64(ulong v) { Span<byte> b = stackalloc byte[8]; BinaryPrimitives.WriteUInt64LittleEndian(b, v); Raw(b); }
    private void Utf16(string s) => Raw(Encoding.Unicode.GetBytes(s));

    public BinXmlWriter FragmentHeader() { Raw([0x0f, 1, 1, 0]); return this; }
    public BinXmlWriter Eof() { U8(0x00); return this; }

    /// <summary>A name reference: the structure is written inline on first use in the chunk, back-referenced later.</summary>
    public void Name(string name)
    {
        if (_chunk.TryGetName(name, out int offset))
        {
            U32((uint)offset);
            return;
        }
        offset = _chunk.Position + 4;
        U32((uint)offset);
        _chunk.RememberName(name, offset);
        U32(0);
        U16(0);
        U16((ushort)name.Length);
        Utf16(name);
        U16(0);
    }

    public BinXmlWriter Open(string name, bool hasAttributes = false)
    {
        U8(hasAttributes ? (byte)0x41 : (byte)0x01);
        if (_dependencyIds) U16(0xffff);
        U32(0);
        Name(name);
        if (hasAttributes) U32(0);
        return this;
    }

    public BinXmlWriter Attr(string name, bool more = false) { U8(more ? (byte)0x46 : (byte)0x06); Name(name); return this; }
    public BinXmlWriter CloseStart() { U8(0x02); return this; }
    public BinXmlWriter CloseEmpty() { U8(0x03); return this; }
    public BinXmlWriter End() { U8(0x04); return this; }
    public BinXmlWriter Text(string s) { U8(0x05); U8(0x01); U16((ushort)s.Length); Utf16(s); return this; }
    public BinXmlWriter CData(string s) { U8(0x07); U16((ushort)s.Length); Utf16(s); return this; }
    public BinXmlWriter CharRef(char c) { U8(0x08); U16(c); return this; }
    public BinXmlWriter EntityRef(string name) { U8(0x09); Name(name); return this; }
    public BinXmlWriter PiTarget(string name) { U8(0x0a); Name(name); return this; }
    public BinXmlWriter PiData(string s) { U8(0x0b); U16((ushort)s.Length); Utf16(s); return this; }
    public BinXmlWriter Sub(int index, byte type, bool optional = false) { U8(optional ? (byte)0x0e : (byte)0x0d); U16((ushort)index); U8(type); return this; }

    /// <summary>&lt;name&gt;substitution&lt;/name&gt;</summary>
    public BinXmlWriter Element(string name, int index, byte type, bool optional = false) =>
        Open(name).CloseStart().Sub(index, type, optional).End();

    /// <summary>&lt;Data Name="name"&gt;substitution&lt;/Data&gt;</summary>
    public BinXmlWriter Data(string name, int index, byte type, bool optional = false) =>
        Open("Data", true).Attr("Name").Text(name).CloseStart().Sub(index, type, optional).End();

    /// <summary>
    /// A template instance: the definition (written by <paramref name="definition"/>, with dependency ids) is inline
    /// the first time <paramref name="key"/> is used in the chunk and a back-reference after; then the values.
    /// </summary>
    public BinXmlWriter Template(string key, Action<BinXmlWriter> definition, params TestValue[] values)
    {
        U8(0x0c);
        U8(0x01);
        U32(0x1234);
        if (_chunk.TryGetTemplate(key, out int defOffset)) U32((uint)defOffset);
        else
        {
            defOffset = _chunk.Position + 4;
            U32((uint)defOffset);
            _chunk.RememberTemplate(key, defOffset);
            U32(0);
            Raw(System.Guid.NewGuid().ToByteArray());
            int sizeAt = _chunk.Position;
            U32(0);
            var inner = new BinXmlWriter(_chunk, dependencyIds: true);
            inner.FragmentHeader();
            definition(inner);
            inner.Eof();
            BinaryPrimitives.WriteInt32LittleEndian(_chunk.Bytes.AsSpan(sizeAt), _chunk.Position - sizeAt - 4);
        }
        Values(values);
        return this;
    }

    private void Values(TestValue[] values)
    {
        U32((uint)values.Length);
        int descriptors = _chunk.Position;
        _chunk.Position += values.Length * 4;
        for (int i = 0; i < values.Length; i++)
        {
            int start = _chunk.Position;
            if (values[i].Nested is { } nested) nested(new BinXmlWriter(_chunk, dependencyIds: false));
            else Raw(values[i].Bytes ?? []);
            BinaryPrimitives.WriteUInt16LittleEndian(_chunk.Bytes.AsSpan(descriptors + i * 4), (ushort)(_chunk.Position - start));
            _chunk.Bytes[descriptors + i * 4 + 2] = values[i].Type;
        }
    }
}
