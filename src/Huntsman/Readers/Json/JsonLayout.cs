using System.Text.Json;

namespace Huntsman.Readers.Json;

/// <summary>How records are laid out in a JSON file.</summary>
internal enum JsonLayout
{
    /// <summary>One object per line (JSONL / NDJSON): a bad line is skipped alone.</summary>
    Lines,
    /// <summary>A top-level array of objects.</summary>
    Array,
    /// <summary>Objects one after another, each over several lines (pretty-printed concatenation).</summary>
    Stream,
}

internal static class JsonLayoutDetector
{
    /// <summary>Looks at the first bytes: '[' is an array; a first line that holds a whole value is JSONL.</summary>
    public static JsonLayout Detect(ReadOnlySpan<byte> head, out int dataStart)
    {
        dataStart = JsonBytes.SkipBomAndWhitespace(head, 0);
        if (dataStart < head.Length && head[dataStart] == (byte)'[')
        {
            dataStart++;
            return JsonLayout.Array;
        }
        var rest = head[dataStart..];
        int newline = rest.IndexOf((byte)'\n');
        if (newline < 0) return JsonLayout.Lines;
        var firstLine = rest[..newline];
        try
        {
            var reader = new Utf8JsonReader(firstLine, JsonBytes.ReaderOptions);
            using var doc = JsonDocument.ParseValue(ref reader);
            return JsonBytes.IsBlank(firstLine[(int)reader.BytesConsumed..]) ? JsonLayout.Lines : JsonLayout.Stream;
        }
        catch (JsonException)
        {
            return JsonLayout.Stream;
        }
    }
}
