using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Huntsman.Events;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Receives the elements of one rendered record and fills a <see cref="WinEvent"/> directly: System
/// fields typed, payload leaves as fields (EventData/Data[@Name] → Name, unnamed Data → Data,
/// UserData leaves by their own name, RenderingInfo/Message → Message). Values stay undecoded until
/// the element closes; optionally also builds the full <see cref="EventNode"/> document.
/// </summary>
internal sealed partial class EventBuilder(byte[] chunk, bool keepDocument)
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

    private readonly byte[] _chunk = chunk;
    private readonly bool _keepDocument = keepDocument;
    private readonly StringPool _pool = StringPool.ForThread;
    private Frame[] _frames = new Frame[16];
    private int _depth;
    private WinEvent _event = new();
    private bool _hasTime;
    private long? _recordId;

    public void Begin()
    {
        _event = new WinEvent();
        _depth = 0;
        _hasTime = false;
        _recordId = null;
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
                if (_depth == 2 && frame.Name == "Data") Add(frame.DataName ?? "Data", TextOf(ref frame));
                else if (_depth >= 2 && !frame.HasChildElements) Add(frame.Name, TextOf(ref frame));
                break;
            case EventSection.RenderingInfo:
                if (_depth >= 2 && !frame.HasChildElements)
                    Add(frame.Name == "Message" ? "Message" : "RenderingInfo_" + frame.Name, TextOf(ref frame));
                break;
            case EventSection.UserData:
                if (_depth >= 3 && !frame.HasChildElements) Add(frame.Name, TextOf(ref frame));
                break;
            case EventSection.ProcessingErrorData:
            case EventSection.Other:
                if (_depth >= 2 && !frame.HasChildElements) Add(frame.Name, TextOf(ref frame));
                break;
        }
        frame.Text = null;
        frame.Node = null;
    }

    /// <summary>Payload fields so far; a template remembers it so the next event's list is sized once.</summary>
    public int FieldCount => _event.Fields.Count;

    public void ReserveFields(int count)
    {
        if (count > _event.Fields.Capacity) _event.Fields.Capacity = count;
    }

    private void Add(string name, string value) => _event.Fields.Add(new EventField(name, value));

    internal static EventSection SectionOf(string name) => name switch
    {
        "System" => EventSection.System,
        "EventData" => EventSection.EventData,
        "UserData" => EventSection.UserData,
        "ProcessingErrorData" => EventSection.ProcessingErrorData,
        "RenderingInfo" => EventSection.RenderingInfo,
        _ => EventSection.Other,
    };

    private void SystemElement(ref Frame frame) => SystemText(frame.Name, frame.TextParts switch
    {
        0 => new BinXmlValue(""),
        1 => frame.FirstText,
        _ => new BinXmlValue(frame.Text!.ToString()),
    });

    /// <summary>The text of a System child element (EventID, Level, Channel, …).</summary>
    private void SystemText(string element, in BinXmlValue value)
    {
        var e = _event;
        switch (element)
        {
            case "EventID": e.EventId = (int)(Integer(value) ?? 0); break;
            case "Version": e.Version = (int?)Integer(value); break;
            case "Level": e.Level = (int?)Integer(value); break;
            case "Task": e.Task = (int?)Integer(value); break;
            case "Opcode": e.Opcode = (int?)Integer(value); break;
            case "Keywords": e.Keywords = Render(value); break;
            case "Channel": e.Channel = Render(value); break;
            case "Computer": e.Computer = Render(value); break;
            case "EventRecordID": _recordId = Integer(value); break;
        }
    }

    private void SystemAttribute(string element, string attribute, in BinXmlValue value)
    {
        var e = _event;
        switch (element)
        {
            case "Provider":
                if (attribute == "Name") e.Provider = Render(value);
                else if (attribute == "Guid") e.ProviderGuid = Render(value);
                else if (attribute == "EventSourceName" && e.Provider.Length == 0) e.Provider = Render(value);
                break;
            case "TimeCreated" when attribute == "SystemTime":
                if (Time(value) is { } time)
                {
                    e.TimeCreated = time;
                    _hasTime = true;
                }
                break;
            case "EventID" when attribute == "Qualifiers": e.EventIdQualifiers = (int?)Integer(value); break;
            case "Correlation" when attribute == "ActivityID": e.ActivityId = Render(value); break;
            case "Correlation" when attribute == "RelatedActivityID": e.RelatedActivityId = Render(value); break;
            case "Execution" when attribute == "ProcessID": e.ProcessId = (int?)Integer(value); break;
            case "Execution" when attribute == "ThreadID": e.ThreadId = (int?)Integer(value); break;
            case "Security" when attribute == "UserID": e.UserId = Render(value); break;
        }
    }

    private string TextOf(ref Frame frame) => frame.TextParts switch
    {
        0 => "",
        1 => Render(frame.FirstText),
        _ => frame.Text!.ToString(),
    };

    /// <summary>Reads an integer straight from the value bytes (no string) for the numeric System fields.</summary>
    private long? Integer(in BinXmlValue value)
    {
        if (value.Text is not null)
            return long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        var b = new ReadOnlySpan<byte>(_chunk, value.Offset, value.Length);
        return value.Type switch
        {
            BinXmlValueType.Int8 when b.Length >= 1 => (sbyte)b[0],
            BinXmlValueType.UInt8 when b.Length >= 1 => b[0],
            BinXmlValueType.Int16 when b.Length >= 2 => BinaryPrimitives.ReadInt16LittleEndian(b),
            BinXmlValueType.UInt16 when b.Length >= 2 => BinaryPrimitives.ReadUInt16LittleEndian(b),
            BinXmlValueType.Int32 when b.Length >= 4 => BinaryPrimitives.ReadInt32LittleEndian(b),
            BinXmlValueType.UInt32 or BinXmlValueType.HexInt32 when b.Length >= 4 => BinaryPrimitives.ReadUInt32LittleEndian(b),
            BinXmlValueType.Int64 or BinXmlValueType.UInt64 or BinXmlValueType.HexInt64 when b.Length >= 8 => BinaryPrimitives.ReadInt64LittleEndian(b),
            BinXmlValueType.String => long.TryParse(ValueRenderer.Utf16(b), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null,
            _ => null,
        };
    }

    private DateTime? Time(in BinXmlValue value)
    {
        if (value.Text is null && value.Type == BinXmlValueType.FileTime && value.Length >= 8)
            return ValueRenderer.ToDateTime(BinaryPrimitives.ReadInt64LittleEndian(new ReadOnlySpan<byte>(_chunk, value.Offset, 8)));
        return DateTime.TryParse(Render(value), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
    }

    private string Render(in BinXmlValue value) => ValueRenderer.Render(_chunk, value, _pool);
}
