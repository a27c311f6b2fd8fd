using System.Globalization;

namespace Huntsman.Readers.Json;

/// <summary>Parses the time stamps text exports carry into UTC; text without a zone is taken as UTC.</summary>
internal static class Timestamps
{
    public static bool TryParseUtc(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = TrimFraction(text.Trim());
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var value)) return false;
        utc = value.UtcDateTime;
        return true;
    }

    /// <summary>.NET parses at most 7 fractional digits (100 ns); some tools write 9.</summary>
    private static string TrimFraction(string s)
    {
        int dot = s.IndexOf('.');
        if (dot < 0) return s;
        int end = dot + 1;
        while (end < s.Length && char.IsAsciiDigit(s[end])) end++;
        return end - dot - 1 <= 7 ? s : string.Concat(s.AsSpan(0, dot + 8), s.AsSpan(end));
    }
}
