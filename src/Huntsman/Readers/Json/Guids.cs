namespace Huntsman.Readers.Json;

/// <summary>System GUIDs (provider, activity) rendered the way Windows and the EVTX reader do: {UPPERCASE}.</summary>
internal static class Guids
{
    public static string? Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        return Guid.TryParse(text, out var g) ? "{" + g.ToString("D").ToUpperInvariant() + "}" : text;
    }
}
