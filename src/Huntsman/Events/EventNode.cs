namespace Huntsman.Events;

/// <summary>
/// A rendered XML element of an event document (Event/System/EventData/UserData …), kept only when
/// a caller needs the full document (dump to XML or evtx_dump-style JSON).
/// </summary>
public sealed class EventNode(string name)
{
    public string Name { get; } = name;
    public List<KeyValuePair<string, string>> Attributes { get; } = new();
    public List<EventNode> Children { get; } = new();
    /// <summary>Concatenated character content (already unescaped).</summary>
    public string? Text { get; set; }

    public EventNode? Child(string name) => Children.Find(c => c.Name == name);
    public string? Attribute(string name) => Attributes.Find(a => a.Key == name).Value;
}
