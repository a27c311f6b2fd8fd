using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using V = Huntsman.Evtx.BinXml.BinXmlValueType;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Renders substitution values as Windows' event rendering does (see docs/evtx.md): GUIDs upper case
/// in braces, SizeT as zero-padded hex of its width, HexInt as 0x + lower-case unpadded hex, binary as
/// upper-case hex, FILETIME as ISO 8601 UTC with 100 ns precision.
/// </summary>
internal static class ValueRenderer
{
    private static readonly Encoding Ansi = CreateAnsi();

    private static Encoding CreateAnsi()
    {
        try
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(1252);
        }
        catch (Exception ex) when (ex is NotSupportedException or ArgumentException)
        {
            return Encoding.Latin1;
        }
    }

    public static string Render(byte[] chunk, in BinXmlValue value)
    {
        if (value.Text is not null) return value.Text;
        return Render(value.Type, new ReadOnlySpan<byte>(chunk, value.Offset, value.Length));
    }

    /// <summary>As <see cref="Render(byte[], in BinXmlValue)"/>, sharing short strings, GUIDs and SIDs through <paramref name="pool"/>.</summary>
    [SkipLocalsInit] // the format buffer is only read where it was written
    public static string Render(byte[] chunk, in BinXmlValue value, StringPool pool)
    {
        if (value.Text is not null) return value.Text;
        var b = new ReadOnlySpan<byte>(chunk, value.Offset, value.Length);
        if (value.Type == V.String && b.Length <= StringPool.MaxLength * 2)
        {
            // The commonest value: straight from the chunk's UTF-16, before the (zeroed) format buffer below is set up.
            var text = MemoryMarshal.Cast<byte, char>(b);
            int n = text.Length;
            while (n > 0 && text[n - 1] == '\0') n--;
            return pool.Get(text[..n]);
        }
        Span<char> chars = stackalloc char[StringPool.MaxLength];
        switch (value.Type)
        {
            case V.Guid when b.Length >= 16:
                new Guid(b[..16]).TryFormat(chars, out int written, "B");
                for (int i = 0; i < written; i++)
                    if (chars[i] is >= 'a' and <= 'f') chars[i] = (char)(chars[i] - 32);
                return pool.Get(chars[..written]);
            case V.Sid when b.Length >= 8 && b.Length >= 8 + b[1] * 4 && b[1] <= 5:
                return pool.Get(FormatSid(b, chars));
            case V.HexInt32 when b.Length >= 4:
                return pool.Get(Hex(BinaryPrimitives.ReadUInt32LittleEndian(b), "x", chars));
            case V.HexInt64 when b.Length >= 8:
                return pool.Get(Hex(BinaryPrimitives.ReadUInt64LittleEndian(b), "x", chars));
            case V.SizeT when b.Length == 4:
                return pool.Get(Hex(BinaryPrimitives.ReadUInt32LittleEndian(b), "x8", chars));
            case V.SizeT when b.Length >= 8:
                return pool.Get(Hex(BinaryPrimitives.ReadUInt64LittleEndian(b), "x16", chars));
            case V.UInt16 when b.Length >= 2:
                BinaryPrimitives.ReadUInt16LittleEndian(b).TryFormat(chars, out int u16, default, CultureInfo.InvariantCulture);
                return pool.Get(chars[..u16]);
            case V.UInt32 when b.Length >= 4:
                BinaryPrimitives.ReadUInt32LittleEndian(b).TryFormat(chars, out int u32, default, CultureInfo.InvariantCulture);
                return pool.Get(chars[..u32]);
            default:
                return Render(value.Type, b);
        }
    }

    /// <summary>"0x" and the value in hex of <paramref name="format"/>, written into <paramref name="chars"/>.</summary>
    private static ReadOnlySpan<char> Hex(ulong value, string format, Span<char> chars)
    {
        chars[0] = '0';
        chars[1] = 'x';
        value.TryFormat(chars[2..], out int written, format, CultureInfo.InvariantCulture);
        return chars[..(2 + written)];
    }

    /// <summary>A SID of at most 5 sub-authorities formatted into <paramref name="chars"/>.</summary>
    private static ReadOnlySpan<char> FormatSid(ReadOnlySpan<byte> b, Span<char> chars)
    {
        ulong authority = 0;
        for (int i = 2; i < 8; i++) authority = (authority << 8) | b[i];
        int at = 0;
        chars[at++] = 'S';
        chars[at++] = '-';
        b[0].TryFormat(chars[at..], out int w, default, CultureInfo.InvariantCulture);
        at += w;
        chars[at++] = '-';
        authority.TryFormat(chars[at..], out w, default, CultureInfo.InvariantCulture);
        at += w;
        for (int i = 0; i < b[1]; i++)
        {
            chars[at++] = '-';
            BinaryPrimitives.ReadUInt32LittleEndian(b[(8 + i * 4)..]).TryFormat(chars[at..], out w, default, CultureInfo.InvariantCulture);
            at += w;
        }
        return chars[..at];
    }

    public static string Render(byte type, ReadOnlySpan<byte> b)
    {
        if (b.Length == 0) return "";
        var inv = CultureInfo.InvariantCulture;
        switch (type)
        {
            case V.Null: return "";
            case V.String: return Utf16(b);
            case V.AnsiString: return Ansi.GetString(b).TrimEnd('\0');
            case V.Int8: return ((sbyte)b[0]).ToString(inv);
            case V.UInt8: return b[0].ToString(inv);
            case V.Int16 when b.Length >= 2: return BinaryPrimitives.ReadInt16LittleEndian(b).ToString(inv);
            case V.UInt16 when b.Length >= 2: return BinaryPrimitives.ReadUInt16LittleEndian(b).ToString(inv);
            case V.Int32 when b.Length >= 4: return BinaryPrimitives.ReadInt32LittleEndian(b).ToString(inv);
            case V.UInt32 when b.Length >= 4: return BinaryPrimitives.ReadUInt32LittleEndian(b).ToString(inv);
            case V.Int64 when b.Length >= 8: return BinaryPrimitives.ReadInt64LittleEndian(b).ToString(inv);
            case V.UInt64 when b.Length >= 8: return BinaryPrimitives.ReadUInt64LittleEndian(b).ToString(inv);
            case V.Real32 when b.Length >= 4: return BinaryPrimitives.ReadSingleLittleEndian(b).ToString("R", inv);
            case V.Real64 when b.Length >= 8: return BinaryPrimitives.ReadDoubleLittleEndian(b).ToString("R", inv);
            case V.Bool when b.Length >= 4: return BinaryPrimitives.ReadUInt32LittleEndian(b) != 0 ? "true" : "false";
            case V.Bool: return b.IndexOfAnyExcept((byte)0) >= 0 ? "true" : "false";
            case V.Guid when b.Length >= 16: return FormatGuid(b);
            case V.SizeT when b.Length == 4: return "0x" + BinaryPrimitives.ReadUInt32LittleEndian(b).ToString("x8", inv);
            case V.SizeT when b.Length >= 8: return "0x" + BinaryPrimitives.ReadUInt64LittleEndian(b).ToString("x16", inv);
            case V.FileTime when b.Length >= 8: return Events.SystemFields.FormatTime(ToDateTime(BinaryPrimitives.ReadInt64LittleEndian(b)));
            case V.SystemTime when b.Length >= 16: return FormatSystemTime(b);
            case V.Sid: return FormatSid(b);
            case V.HexInt32 when b.Length >= 4: return "0x" + BinaryPrimitives.ReadUInt32LittleEndian(b).ToString("x", inv);
            case V.HexInt64 when b.Length >= 8: return "0x" + BinaryPrimitives.ReadUInt64LittleEndian(b).ToString("x", inv);
            default: return Convert.ToHexString(b);
        }
    }

    public static string Utf16(ReadOnlySpan<byte> b)
    {
        var chars = MemoryMarshal.Cast<byte, char>(b);
        int n = chars.Length;
        while (n > 0 && chars[n - 1] == '\0') n--;
        return n == 0 ? "" : new string(chars[..n]);
    }

    /// <summary>FILETIME ticks to UTC; out-of-range values clamp rather than throw.</summary>
    public static DateTime ToDateTime(long fileTime)
    {
        const long maxFileTime = 2650467743999999999; // DateTime.MaxValue as FILETIME
        if (fileTime <= 0) return DateTime.FromFileTimeUtc(0);
        return DateTime.FromFileTimeUtc(Math.Min(fileTime, maxFileTime));
    }

    private static string FormatGuid(ReadOnlySpan<byte> b)
    {
        var g = new Guid(b[..16]);
        return string.Create(38, g, static (chars, guid) =>
        {
            guid.TryFormat(chars, out _, "B");
            for (int i = 0; i < chars.Length; i++)
                if (chars[i] is >= 'a' and <= 'f') chars[i] = (char)(chars[i] - 32);
        });
    }

    private static string FormatSystemTime(ReadOnlySpan<byte> b)
    {
        int year = BinaryPrimitives.ReadUInt16LittleEndian(b), month = BinaryPrimitives.ReadUInt16LittleEndian(b[2..]);
        // b[4..6] is the day of the week: redundant, skipped.
        int day = BinaryPrimitives.ReadUInt16LittleEndian(b[6..]), hour = BinaryPrimitives.ReadUInt16LittleEndian(b[8..]);
        int minute = BinaryPrimitives.ReadUInt16LittleEndian(b[10..]), second = BinaryPrimitives.ReadUInt16LittleEndian(b[12..]);
        int ms = BinaryPrimitives.ReadUInt16LittleEndian(b[14..]);
        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{month:D2}-{day:D2}T{hour:D2}:{minute:D2}:{second:D2}.{ms:D3}Z");
    }

    /// <summary>S-rev-authority-sub…; authority is 48-bit big-endian, sub-authorities little-endian. A short SID renders as hex.</summary>
    public static string FormatSid(ReadOnlySpan<byte> b)
    {
        if (b.Length < 8) return Convert.ToHexString(b);
        int count = b[1];
        if (b.Length < 8 + count * 4) return Convert.ToHexString(b);
        ulong authority = 0;
        for (int i = 2; i < 8; i++) authority = (authority << 8) | b[i];
        var sb = new StringBuilder(16 + count * 11);
        sb.Append("S-").Append(b[0]).Append('-').Append(authority);
        for (int i = 0; i < count; i++) sb.Append('-').Append(BinaryPrimitives.ReadUInt32LittleEndian(b[(8 + i * 4)..]));
        return sb.ToString();
    }

    /// <summary>Splits an array value (type 0x80|t) into items: NUL-separated strings, or fixed-size items.</summary>
    public static List<BinXmlValue> SplitArray(byte[] chunk, in BinXmlValue array)
    {
        byte type = (byte)(array.Type & ~V.ArrayFlag);
        int start = array.Offset, end = array.Offset + array.Length;
        int width = type == V.SizeT ? (array.Length % 8 == 0 ? 8 : 4) : V.FixedSize(type);
        var items = new List<BinXmlValue>(width > 0 ? array.Length / width : 8);
        switch (type)
        {
            case V.String:
                int itemStart = start;
                for (int p = start; p + 1 < end; p += 2)
                {
                    if (chunk[p] != 0 || chunk[p + 1] != 0) continue;
                    items.Add(new BinXmlValue(type, itemStart, p - itemStart));
                    itemStart = p + 2;
                }
                if (itemStart + 1 < end) items.Add(new BinXmlValue(type, itemStart, (end - itemStart) & ~1));
                break;
            case V.AnsiString:
                int aStart = start;
                for (int p = start; p < end; p++)
                {
                    if (chunk[p] != 0) continue;
                    items.Add(new BinXmlValue(type, aStart, p - aStart));
                    aStart = p + 1;
                }
                if (aStart < end) items.Add(new BinXmlValue(type, aStart, end - aStart));
                break;
            case V.Sid:
                for (int p = start; p + 8 <= end;)
                {
                    int size = Math.Min(8 + chunk[p + 1] * 4, end - p);
                    items.Add(new BinXmlValue(type, p, size));
                    p += size;
                }
                break;
            default:
                if (width == 0) items.Add(new BinXmlValue(type, start, array.Length));
                else
                    for (int p = start; p + width <= end; p += width) items.Add(new BinXmlValue(type, p, width));
                break;
        }
        return items;
    }
}
