using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Huntsman.Evtx.BinXml;

/// <summary>System values: typed into the event (numbers and time read from the bytes, strings reused when they repeat).</summary>
internal sealed partial class EventBuilder
{
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

    private string Recent(int slot, in BinXmlValue value) => _recent.Render(slot, _chunk, value);
}
