using System.Runtime.InteropServices;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Payload fields: gathered while the record is walked, then set into an exactly sized list when it is finished.
/// A field that is exactly one value of the chunk stays undecoded (<see cref="RecordValues"/>).
/// </summary>
internal sealed partial class EventBuilder
{
    /// <summary>A payload field of the record being built: its text, or (Text null) a value of the chunk to keep lazily.</summary>
    private struct PendingField
    {
        public string Name;
        public string? Text;
        public BinXmlValue Value;
    }

    private const int MaxRetainedFields = 1024;
    private PendingField[] _fields = new PendingField[32];
    private int _fieldCount;
    /// <summary>Lazy values of the record so far and the chunk range [start, end) that holds them all.</summary>
    private int _lazyCount, _lazyStart, _lazyEnd;

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
}
