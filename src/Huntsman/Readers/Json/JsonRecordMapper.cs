using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Readers.Json;

/// <summary>Recognises the shape of one JSON record and builds its event; anything unrecognised is kept as flat payload.</summary>
internal static class JsonRecordMapper
{
    public static WinEvent Map(JsonElement root, bool keepDocument)
    {
        // Cheap key probes first; the ECS test may scan every key for "winlog." dotted names.
        if (EvtxDumpShape.Matches(root)) return EvtxDumpShape.Read(root, keepDocument);
        if (NxlogShape.Matches(root)) return NxlogShape.Read(root);
        if (DefenderShape.Matches(root)) return DefenderShape.Read(root);
        if (EcsShape.Matches(root)) return EcsShape.Read(root);
        return ReadGeneric(root);
    }

    /// <summary>Unknown shape: every top-level key is a field; a time stamp and EventID are used when present.</summary>
    private static WinEvent ReadGeneric(JsonElement root)
    {
        var e = new WinEvent();
        foreach (var p in root.EnumerateObject()) e.Add(p.Name, JsonText.Of(p.Value));
        if (int.TryParse(e.GetPayload("EventID") ?? e.GetPayload("event_id"), out var id)) e.EventId = id;
        var time = e.GetPayload("@timestamp") ?? e.GetPayload("timestamp") ?? e.GetPayload("TimeCreated") ?? e.GetPayload("time");
        if (Timestamps.TryParseUtc(time, out var t)) e.TimeCreated = t;
        e.Computer = e.GetPayload("Computer") ?? e.GetPayload("Hostname") ?? "";
        e.Channel = e.GetPayload("Channel") ?? "";
        return e;
    }
}
