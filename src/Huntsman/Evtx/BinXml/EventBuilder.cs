using System.Text;
using Huntsman.Events;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Receives the elements of one rendered record and fills a <see cref="WinEvent"/> directly: System
/// fields typed, payload leaves as fields (EventData/Data[@Name] → Name, unnamed Data → Data,
/// UserData leaves by their own name, RenderingInfo/Message → Message). Values stay undecoded until
/// the element closes; a payload field that is exactly one value of the chunk stays undecoded in the event too
/// (<see cref="RecordValues"/>). Optionally also builds the full <see cref="EventNode"/> document.
/// </summary>
internal sealed partial class EventBuilder
{
    private struct Frame
    {
        public string Name;
        public EventSection Section;
        public bool HasChildElements;
        public int TextParts;
        public BinXmlValue FirstText;
        public StringBuilder? Text;
        public string? DataName;
        public EventNode? Node;
    }

    private byte[] _chunk = [];
    private bool _keepDocument;
    private readonly StringPool _pool;
    private readonly SystemValueCache _recent;
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private WinEvent _event = new();
    private bool _hasTime;
    private long? _recordId;

    public EventBuilder()
    {
        _pool = StringPool.ForThread;
        _recent = new SystemValueCache(_pool);
    }

    /// <summary>Starts on another chunk (see <see cref="ChunkDecoder"/>).</summary>
    public void Reset(byte[] chunk, bool keepDocument)
    {
        _chunk = chunk;
        _keepDocument = keepDocument;
    }

    public void Begin()
    {
        _event = new WinEvent();
        _depth = 0;
        _hasTime = false;
        _recordId = null;
        _fieldCount = 0;
        _lazyCount = 0;
        // A crafted record may have had thousands of fields: the scratch list does not keep that size for the thread.
        if (_fields.Length > MaxRetainedFields) _fields = new PendingField[32];
    }

    /// <summary>
    /// The event built since <see cref="Begin"/>. System/EventRecordID wins over the record header's id (they differ
    /// in re-packed logs); TimeCreated falls back to the record's written time.
    /// </summary>
    public WinEvent Finish(long recordId, DateTime written)
    {
        var e = _event;
        e.RecordId = _recordId ?? recordId;
        if (!_hasTime) e.TimeCreated = written;
        if (_fieldCount > 0) SetFields(e.Fields);
        return e;
    }

    public void StartElement(string name)
    {
        if (_depth == _frames.Length) Array.Resize(ref _frames, _depth * 2);
        EventSection section = EventSection.None;
        EventNode? parentNode = null;
        if (_depth > 0)
        {
            ref var parent = ref _frames[_depth - 1];
            parent.HasChildElements = true;
            parentNode = parent.Node;
            section = _depth == 1 ? SectionOf(name) : parent.Section;
        }
        // Field by field: assigning a whole new Frame is a bulk copy with write barriers, on every element.
        ref var frame = ref _frames[_depth++];
        frame.Name = name;
        frame.Section = section;
        frame.HasChildElements = false;
        frame.TextParts = 0;
        frame.FirstText = default;
        frame.Text = null;
        frame.DataName = null;
        frame.Node = null;
        if (_keepDocument) frame.Node = StartNode(name, parentNode);
    }

    public void Attribute(string name, in BinXmlValue value)
    {
        if (_depth == 0) return;
        ref var frame = ref _frames[_depth - 1];
        if (frame.Node is { } node) node.Attributes.Add(new(name, Render(value)));
        if (_depth == 3 && frame.Section == EventSection.System) SystemAttribute(frame.Name, name, value);
        else if (frame.Section == EventSection.EventData && _depth == 3 && name == "Name") frame.DataName = Render(value);
    }

    public void Text(in BinXmlValue value)
    {
        if (_depth == 0) return;
        ref var frame = ref _frames[_depth - 1];
        if (frame.TextParts++ == 0)
        {
            frame.FirstText = value;
            return;
        }
        if (frame.Text is null)
        {
            frame.Text = new StringBuilder();
            frame.Text.Append(Render(frame.FirstText));
        }
        frame.Text.Append(Render(value));
    }

    public void EndElement()
    {
        if (_depth == 0) return;
        ref var frame = ref _frames[--_depth];
        if (frame.Node is { } node && frame.TextParts > 0) node.Text = TextOf(ref frame);
        switch (frame.Section)
        {
            case EventSection.System:
                if (_depth == 2) SystemElement(ref frame);
                break;
            case EventSection.EventData:
                if (_depth == 2 && frame.Name == "Data") AddContent(frame.DataName ?? "Data", ref frame);
                else if (_depth >= 2 && !frame.HasChildElements) AddContent(frame.Name, ref frame);
                break;
            case EventSection.RenderingInfo:
                if (_depth >= 2 && !frame.HasChildElements)
                    AddContent(frame.Name == "Message" ? "Message" : "RenderingInfo_" + frame.Name, ref frame);
                break;
            case EventSection.UserData:
                if (_depth >= 3 && !frame.HasChildElements) AddContent(frame.Name, ref frame);
                break;
            case EventSection.ProcessingErrorData:
            case EventSection.Other:
                if (_depth >= 2 && !frame.HasChildElements) AddContent(frame.Name, ref frame);
                break;
        }
        frame.Text = null;
        frame.Node = null;
    }

    internal static EventSection SectionOf(string name) => name switch
    {
        "System" => EventSection.System,
        "EventData" => EventSection.EventData,
        "UserData" => EventSection.UserData,
        "ProcessingErrorData" => EventSection.ProcessingErrorData,
        "RenderingInfo" => EventSection.RenderingInfo,
        _ => EventSection.Other,
    };

    private string TextOf(ref Frame frame) => frame.TextParts switch
    {
        0 => "",
        1 => Render(frame.FirstText),
        _ => frame.Text!.ToString(),
    };

    private string Render(in BinXmlValue value) => ValueRenderer.Render(_chunk, value, _pool);
}
