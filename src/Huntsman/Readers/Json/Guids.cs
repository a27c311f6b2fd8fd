namespace Huntsman.Readers.Json;

/// <summary>
/// System GUIDs (provider, activity) as the EVTX reader renders GUID-typed values: {UPPERCASE}. evtx_dump and
/// Winlogbeat drop the braces, so a bare GUID gains them; text that already has braces is left exactly as
/// written (some providers carry the GUID as literal text, e.g. {fc65ddd8-…} for Microsoft-Windows-Eventlog).
/// </summary>
internal static class Guids
{
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (text[0] == '{') return text;
        return Guid.TryParseExact(text, "D", out var g) ? "{" + g.ToString("D").ToUpperInvariant() + "}" : text;
    }
}
