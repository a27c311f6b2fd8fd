using System.Text;
using System.Text.Json;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// A JSON tree that remembers where each value starts, so a structurally wrong baseline can be
/// reported as file:line:column (JsonDocument keeps no positions).
/// </summary>
internal sealed class PositionedJson
{
    public JsonTokenType Kind { get; private init; }
    public long Offset { get; private init; }
    public string? Text { get; private init; }
    public List<KeyValuePair<string, PositionedJson>> Properties { get; } = new();
    public List<PositionedJson> Items { get; } = new();

    public PositionedJson? Property(string name) => Properties.Find(p => p.Key == name).Value;

    /// <summary>Parses a whole document; malformed JSON throws <see cref="JsonException"/> (with its line).</summary>
    public static PositionedJson Parse(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 16 });
        if (!reader.Read()) throw new JsonException("the file is empty", null, 0, 0);
        var root = ReadValue(ref reader);
        if (reader.Read()) throw new JsonException("unexpected content after the document");
        return root;
    }

    private static PositionedJson ReadValue(ref Utf8JsonReader reader)
    {
        var node = new PositionedJson
        {
            Kind = reader.TokenType,
            Offset = reader.TokenStartIndex,
            Text = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                _ => null,
            },
        };
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString()!;
                reader.Read();
                node.Properties.Add(new(name, ReadValue(ref reader)));
            }
        }
        else if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                node.Items.Add(ReadValue(ref reader));
        }
        return node;
    }

    /// <summary>1-based line and column of a byte offset.</summary>
    public static (long Line, long Column) Position(ReadOnlySpan<byte> utf8, long offset)
    {
        offset = Math.Clamp(offset, 0, utf8.Length);
        var before = utf8[..(int)offset];
        long line = before.Count((byte)'\n') + 1;
        int lastNewline = before.LastIndexOf((byte)'\n');
        return (line, offset - lastNewline);
    }
}
