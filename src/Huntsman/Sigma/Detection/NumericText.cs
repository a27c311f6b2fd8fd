using System.Globalization;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Sigma.Detection;

/// <summary>Parses field text as a number: decimal, or hex with 0x (0x3e7 == 0x00000000000003e7 == 999).</summary>
internal static class NumericText
{
    public static bool TryParseInteger(ReadOnlySpan<char> s, out long value)
    {
        value = 0;
        s = s.Trim();
        if (s.Length == 0) return false;
        if (s.Length > 2 && s[0] == '0' && (s[1] | 0x20) == 'x')
        {
            if (!HexNumber.TryParse(s, out var u)) return false;
            value = unchecked((long)u);
            return true;
        }
        var c = s[0];
        if (!(char.IsAsciiDigit(c) || (c == '-' && s.Length > 1))) return false;
        return long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseNumber(ReadOnlySpan<char> s, out double value)
    {
        if (TryParseInteger(s, out var l)) { value = l; return true; }
        s = s.Trim();
        value = 0;
        return s.Length > 0 && (char.IsAsciiDigit(s[0]) || s[0] is '-' or '+' or '.')
            && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
