using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

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

    /// <summary>A payload field of the record being built: its text, or (Text null) a value of the chunk to keep lazily.</summary>
    private struct PendingField
    {
        public string Name;
        public string? Text;
        public BinXmlValue Value;
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
    private PendingField[] _fields = new PendingField[32];
    private int _fieldCount;
    /// <summary>Lazy values of the record so far and the chunk range [start, end) that holds them all.</summary>
    private int _lazyCount, _lazyStart, _lazyEnd;

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

    /// <summary>The record's fields into an exactly sized list; lazy values share one copy of their bytes.</summary>
    private void SetFields(List<EventField> list)
    {
        var values = _lazyCount > 0 ? CopyValues() : null;
        list.Capacity = _fieldCount + SiblingRoom();
        CollectionsMarshal.SetCount(list, _fieldCount);
        var fields = CollectionsMarshal.AsSpan(list);
        for (int i = 0, slot = 0; i < fields.Length; i++)
        {
            ref var f = ref _fields[i];
            fields[i] = f.Text is { } text ? new EventField(f.Name, text) : new EventField(f.Name, values!, slot++);
        }
    }

    /// <summary>
    /// <see cref="EventNormalizer"/> adds a decoded sibling after each Security value holding a %% token: room for them
    /// in the list now rather than a second array then (a stray match only leaves a slot unused).
    /// </summary>
    private int SiblingRoom()
    {
        if (!Channels.IsSecurity(_event)) return 0;
        int room = 0;
        for (int i = 0; i < _fieldCount; i++)
        {
            ref var f = ref _fields[i];
            var chars = f.Text is { } text ? MemoryMarshal.AsBytes(text.AsSpan())
                : f.Value.Type == BinXmlValueType.String ? new ReadOnlySpan<byte>(_chunk, f.Value.Offset, f.Value.Length) : default;
            if (chars.IndexOf("%\0%\0"u8) >= 0) room++;
        }
        return room;
    }

    /// <summary>One copy of the chunk range holding the record's lazy values (the chunk buffer is reused after the chunk), behind their slot table.</summary>
    private RecordValues CopyValues()
    {
        int table = _lazyCount * RecordValues.SlotSize;
        var bytes = GC.AllocateUninitializedArray<byte>(table + _lazyEnd - _lazyStart);
        for (int i = 0, slot = 0; i < _fieldCount; i++)
        {
            ref var f = ref _fields[i];
            if (f.Text is null) RecordValues.WriteSlot(bytes, slot++, f.Value.Offset - _lazyStart, f.Value.Length, f.Value.Type);
        }
        _chunk.AsSpan(_lazyStart, _lazyEnd - _lazyStart).CopyTo(bytes.AsSpan(table));
        return new RecordValues(bytes, _lazyCount);
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

    /// <summary>An element's text as a field: lazy when it is one value of the chunk (and no document already rendered it).</summary>
    private void AddContent(string name, ref Frame frame)
    {
        if (frame.TextParts == 1 && frame.Node is null) AddValue(name, frame.FirstText);
        else Add(name, TextOf(ref frame));
    }

    private void AddValue(string name, in BinXmlValue value)
    {
        if (value.Text is not null || value.IsNull || value.Length == 0)
        {
            Add(name, value.Text ?? "");
            return;
        }
        ref var f = ref NextField();
        f.Name = name;
        f.Text = null;
        f.Value = value;
        if (_lazyCount++ == 0)
        {
            _lazyStart = value.Offset;
            _lazyEnd = value.Offset + value.Length;
        }
        else
        {
            _lazyStart = Math.Min(_lazyStart, value.Offset);
            _lazyEnd = Math.Max(_lazyEnd, value.Offset + value.Length);
        }
    }

    private void Add(string name, string value)
    {
        ref var f = ref NextField();
        f.Name = name;
        f.Text = value;
    }

    private ref PendingField NextField()
    {
        if (_fieldCount == _fields.Length) Array.Resize(ref _fields, _fieldCount * 2);
        return ref _fields[_fieldCount++];
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

    private void SystemElement(ref Frame frame) => SystemText(frame.Name, frame.TextParts switch
    {
        0 => new BinXmlValue(""),
        1 => frame.FirstText,
        _ => new BinXmlValue(frame.Text!.ToString()),
    });

    private void SystemText(string element, in BinXmlValue value) => SetSystem(TextField(element), value);

    private void SystemAttribute(string element, string attribute, in BinXmlValue value) => SetSystem(AttributeField(element, attribute), value);

    /// <summary>Which System value the text of System child <paramref name="element"/> is (EventID, Level, Channel, …).</summary>
    internal static SystemField TextField(string element) => element switch
    {
        "EventID" => SystemField.EventId,
        "Version" => SystemField.Version,
        "Level" => SystemField.Level,
        "Task" => SystemField.Task,
        "Opcode" => SystemField.Opcode,
        "Keywords" => SystemField.Keywords,
        "Channel" => SystemField.Channel,
        "Computer" => SystemField.Computer,
        "EventRecordID" => SystemField.EventRecordId,
        _ => SystemField.None,
    };

    /// <summary>Which System value <paramref name="attribute"/> of System child <paramref name="element"/> is.</summary>
    internal static SystemField AttributeField(string element, string attribute) => (element, attribute) switch
    {
        ("Provider", "Name") => SystemField.ProviderName,
        ("Provider", "Guid") => SystemField.ProviderGuid,
        ("Provider", "EventSourceName") => SystemField.ProviderEventSourceName,
        ("TimeCreated", "SystemTime") => SystemField.TimeCreated,
        ("EventID", "Qualifiers") => SystemField.EventIdQualifiers,
        ("Correlation", "ActivityID") => SystemField.ActivityId,
        ("Correlation", "RelatedActivityID") => SystemField.RelatedActivityId,
        ("Execution", "ProcessID") => SystemField.ProcessId,
        ("Execution", "ThreadID") => SystemField.ThreadId,
        ("Security", "UserID") => SystemField.UserId,
        _ => SystemField.None,
    };

    private void SetSystem(SystemField field, in BinXmlValue value)
    {
        var e = _event;
        switch (field)
        {
            case SystemField.EventId: e.EventId = (int)(Integer(value) ?? 0); break;
            case SystemField.EventIdQualifiers: e.EventIdQualifiers = (int?)Integer(value); break;
            case SystemField.Version: e.Version = (int?)Integer(value); break;
            case SystemField.Level: e.Level = (int?)Integer(value); break;
            case SystemField.Task: e.Task = (int?)Integer(value); break;
            case SystemField.Opcode: e.Opcode = (int?)Integer(value); break;
            case SystemField.Keywords: e.Keywords = Recent(SystemValueCache.Keywords, value); break;
            case SystemField.TimeCreated:
                if (Time(value) is { } time)
                {
                    e.TimeCreated = time;
                    _hasTime = true;
                }
                break;
            case SystemField.EventRecordId: _recordId = Integer(value); break;
            case SystemField.ActivityId: e.ActivityId = Recent(SystemValueCache.ActivityId, value); break;
            case SystemField.RelatedActivityId: e.RelatedActivityId = Recent(SystemValueCache.RelatedActivityId, value); break;
            case SystemField.ProcessId: e.ProcessId = (int?)Integer(value); break;
            case SystemField.ThreadId: e.ThreadId = (int?)Integer(value); break;
            case SystemField.Channel: e.Channel = Recent(SystemValueCache.Channel, value); break;
            case SystemField.Computer: e.Computer = Recent(SystemValueCache.Computer, value); break;
            case SystemField.UserId: e.UserId = Recent(SystemValueCache.UserId, value); break;
            case SystemField.ProviderName: e.Provider = Recent(SystemValueCache.Provider, value); break;
            case SystemField.ProviderGuid: e.ProviderGuid = Recent(SystemValueCache.ProviderGuid, value); break;
            case SystemField.ProviderEventSourceName:
                if (e.Provider.Length == 0) e.Provider = Recent(SystemValueCache.Provider, value);
                break;
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
            BinXmlValueType.String => long.TryParse(MemoryMarshal.Cast<byte, char>(b).TrimEnd('\0'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : null,
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

    private string Recent(int slot, in BinXmlValue value) => _recent.Render(slot, _chunk, value);
}
