using System.Globalization;

namespace Huntsman.Events.Taxonomy;

/// <summary>
/// Windows renders the same number as 0x3e7, 0x00000000000003e7 or 999 depending on the field type and the
/// exporter; hex-looking fields (LogonId, Keywords, access masks, PIDs in 4688) compare by value.
/// </summary>
public static class HexNumber
{
    /// <summary>Parses "0x…" (any case, any zero padding) as hex and plain digits as decimal.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ulong value)
    {
        value = 0;
        text = text.Trim();
        if (text.Length > 2 && text[0] == '0' && (text[1] | 0x20) == 'x')
            return ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>True when both texts parse as numbers with the same value (0x3e7 = 0x00000000000003e7 = 999).</summary>
    public static bool NumericallyEqual(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        TryParse(a, out var x) && TryParse(b, out var y) && x == y;

    /// <summary>True for "0x" followed by at least one hex digit and nothing else.</summary>
    public static bool IsHex(ReadOnlySpan<char> text) =>
        text.Length > 2 && text[0] == '0' && (text[1] | 0x20) == 'x' && !text[2..].ContainsAnyExcept("0123456789abcdefABCDEF");
}
