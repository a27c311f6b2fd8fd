using System.Text.Json;
using Huntsman.Events;
using Huntsman.Readers.Xml;

namespace Huntsman.Readers.Json;

/// <summary>
/// evtx_dump-style nested JSON: {"Event":{"#attributes":{…},"System":{…},"EventData":{…}}}. Attributes come from
/// "#attributes" (or xmltodict's "@Name" keys), text from "#text"; EventData may be name→value or {"Data":[…]}.
/// The JSON is turned into the same document tree the XML reader builds, then mapped by the shared rules.
/// </summary>
internal static class EvtxDumpShape
{
    public static bool Matches(JsonElement root) =>
        root.TryGetProperty("Event", out var ev) && ev.ValueKind == JsonValueKind.Object && ev.TryGetProperty("System", out _);

    public static WinEvent Read(JsonElement root, bool keepDocument)
    {
        var node = ToNode("Event", root.GetProperty("Event"));
        var e = EventNodeMapper.ToEvent(node);
        if (keepDocument) e.Document = node;
        return e;
    }

    private static EventNode ToNode(string name, JsonElement value)
    {
        var node = new EventNode(name);
        if (value.ValueKind != JsonValueKind.Object)
        {
            node.Text = JsonText.Scalar(value) ?? (value.ValueKind == JsonValueKind.Array ? value.GetRawText() : null);
            return node;
        }
        bool childIsEventData = name == "EventData";
        foreach (var p in value.EnumerateObject())
        {
            if (p.Name == "#attributes")
            {
                if (p.Value.ValueKind == JsonValueKind.Object)
                    foreach (var a in p.Value.EnumerateObject()) node.Attributes.Add(new(a.Name, JsonText.Of(a.Value)));
            }
            else if (p.Name == "#text") node.Text = TextOf(p.Value);
            else if (p.Name.Length > 1 && p.Name[0] == '@') node.Attributes.Add(new(p.Name[1..], JsonText.Of(p.Value)));
            else if (childIsEventData && p.Name is not ("Data" or "Binary")) AddNamedData(node, p.Name, p.Value);
            else AddChildren(node, p.Name, p.Value);
        }
        return node;
    }

    /// <summary>A repeated element is an array; {"#text":[…]} is one element per text item.</summary>
    private static void AddChildren(EventNode parent, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray()) AddChildren(parent, name, item);
            return;
        }
        if (value.ValueKind == JsonValueKind.Object && value.TryGetProperty("#text", out var text) && text.ValueKind == JsonValueKind.Array)
        {
            var template = ToNode(name, value);
            foreach (var item in text.EnumerateArray())
            {
                var copy = new EventNode(name) { Text = JsonText.Of(item) };
                copy.Attributes.AddRange(template.Attributes);
                parent.Children.Add(copy);
            }
            return;
        }
        parent.Children.Add(ToNode(name, value));
    }

    /// <summary>evtx_dump writes &lt;Data Name="X"&gt;v&lt;/Data&gt; as "X": v.</summary>
    private static void AddNamedData(EventNode eventData, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in value.EnumerateArray()) AddNamedData(eventData, name, item);
            return;
        }
        var data = new EventNode("Data");
        data.Attributes.Add(new("Name", name));
        data.Text = value.ValueKind == JsonValueKind.Object && value.TryGetProperty("#text", out var t) ? TextOf(t)
            : value.ValueKind == JsonValueKind.Null ? null : JsonText.Of(value);
        eventData.Children.Add(data);
    }

    private static string? TextOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Array => string.Join("", value.EnumerateArray().Select(JsonText.Of)),
        _ => JsonText.Of(value),
    };
}
