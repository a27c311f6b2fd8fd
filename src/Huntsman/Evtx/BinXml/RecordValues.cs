using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Huntsman.Events;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// The payload values of one record, kept as their BinXML bytes until a consumer asks for one: most fields of most
/// events are never looked at. The chunk buffer is pooled and reused once its chunk is read, so the record's value
/// bytes are copied here (one contiguous copy per record). The array starts with a slot table, then the values:
/// slot i is 8 bytes (u32 offset into the values, u16 length, u16 type).
/// </summary>
internal sealed class RecordValues : LazyFieldValues
{
    public const int SlotSize = 8;
    private const int MaxPooledTextBytes = 64;

    private readonly byte[] _bytes;
    private readonly int _count;
    /// <summary>Rendered values, made on first use (many events are never rendered at all).</summary>
    private string?[]? _rendered;

    /// <param name="bytes">The slot table for <paramref name="count"/> values, then the value bytes (see <see cref="WriteSlot"/>).</param>
    public RecordValues(byte[] bytes, int count)
    {
        _bytes = bytes;
        _count = count;
    }

    public static void WriteSlot(Span<byte> table, int index, int offset, int length, byte type)
    {
        var slot = table.Slice(index * SlotSize, SlotSize);
        BinaryPrimitives.WriteInt32LittleEndian(slot, offset);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[4..], (ushort)length);
        BinaryPrimitives.WriteUInt16LittleEndian(slot[6..], type);
    }

    public override string Render(int index)
    {
        var rendered = _rendered ?? Interlocked.CompareExchange(ref _rendered, new string?[_count], null) ?? _rendered;
        // A race renders the same text twice; either copy may stay.
        return rendered[index] ??= Render(Value(index));
    }

    /// <summary>
    /// Short texts, numbers, SIDs and GUIDs repeat across events and are shared through the thread's pool; longer texts
    /// (paths, command lines) are mostly unique, and a pool lookup (a likely cache miss) costs more than the string.
    /// </summary>
    private string Render(in BinXmlValue value) => value.Type != BinXmlValueType.String || value.Length <= MaxPooledTextBytes
        ? ValueRenderer.Render(_bytes, value, StringPool.ForThread)
        : ValueRenderer.Render(_bytes, value);

    public override ReadOnlySpan<char> Chars(int index)
    {
        if (_rendered?[index] is { } text) return text;
        return Chars(index, Value(index));
    }

    public override bool TryGetFreeText(int index, out ReadOnlySpan<char> chars)
    {
        var value = Value(index);
        // Null and the scalar types ValueRenderer formats (Int8 … HexInt64, never String or AnsiString): digits, hex, GUIDs, SIDs, times, bools.
        if (value.Type is BinXmlValueType.Null or (>= BinXmlValueType.Int8 and <= BinXmlValueType.HexInt64))
        {
            chars = default;
            return false;
        }
        chars = _rendered?[index] is { } text ? text : Chars(index, value);
        return true;
    }

    public override bool TryGetUtf16(int index, out byte[]? bytes, out int offset, out int length)
    {
        var value = Value(index);
        if (value.Type != BinXmlValueType.String)
        {
            (bytes, offset, length) = (null, 0, 0);
            return false;
        }
        (bytes, offset, length) = (_bytes, value.Offset, TextLength(value));
        return true;
    }

    /// <summary>A String value's length in chars, trailing NULs removed (as ValueRenderer renders it).</summary>
    private int TextLength(BinXmlValue value)
    {
        var chars = MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>(_bytes, value.Offset, value.Length));
        int n = chars.Length;
        while (n > 0 && chars[n - 1] == '\0') n--;
        return n;
    }

    private ReadOnlySpan<char> Chars(int index, BinXmlValue value)
    {
        if (value.Type != BinXmlValueType.String) return Render(index);
        return MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>(_bytes, value.Offset, value.Length))[..TextLength(value)];
    }

    /// <summary>
    /// The values are one copy of the chunk's bytes, so every String value already lies in one span: from the first String's
    /// start to the last one's end, read as chars when all Strings start at offsets of one parity. What lies between them
    /// (numbers, SIDs, other values' bytes) reads as stray chars, which a search for a text may only ever find too often.
    /// Reads the slot table directly: with a <see cref="Value"/> call per value, a corpus matching pass took 0.743e9
    /// instructions instead of 0.706e9 (callgrind, two runs each).
    /// </summary>
    public override bool TryGetFreeTextSpan(out ReadOnlySpan<char> chars)
    {
        chars = default;
        int start = int.MaxValue, end = 0, parity = -1;
        var table = new ReadOnlySpan<byte>(_bytes, 0, _count * SlotSize);
        for (int at = 0; at < table.Length; at += SlotSize)
        {
            var type = (byte)BinaryPrimitives.ReadUInt16LittleEndian(table[(at + 6)..]);
            if (type != BinXmlValueType.String)
            {
                // Free text only this reader's renderer makes (ANSI strings, arrays, nested XML): value by value then.
                if (type is BinXmlValueType.Null or (>= BinXmlValueType.Int8 and <= BinXmlValueType.HexInt64)) continue;
                return false;
            }
            int offset = BinaryPrimitives.ReadInt32LittleEndian(table[at..]);
            if (parity != (offset & 1) && parity >= 0) return false;
            parity = offset & 1;
            start = Math.Min(start, offset);
            end = Math.Max(end, offset + BinaryPrimitives.ReadUInt16LittleEndian(table[(at + 4)..]));
        }
        if (parity >= 0) chars = MemoryMarshal.Cast<byte, char>(_bytes.AsSpan(table.Length + start, (end - start) & ~1));
        return true;
    }

    public override bool HoldsText(int index) => Value(index).Type is BinXmlValueType.String or BinXmlValueType.AnsiString;

    /// <summary>Value <paramref name="index"/> as a <see cref="BinXmlValue"/> over <see cref="_bytes"/>.</summary>
    private BinXmlValue Value(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        var slot = new ReadOnlySpan<byte>(_bytes, index * SlotSize, SlotSize);
        int offset = _count * SlotSize + BinaryPrimitives.ReadInt32LittleEndian(slot);
        return new BinXmlValue((byte)BinaryPrimitives.ReadUInt16LittleEndian(slot[6..]), offset, BinaryPrimitives.ReadUInt16LittleEndian(slot[4..]));
    }
}
