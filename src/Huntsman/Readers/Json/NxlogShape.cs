using System.Globalization;
using System.Text.Json;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Readers.Json;

/// <summary>
/// Flat events as NXLog im_msvistalog ships them (OTRF/Mordor datasets): System values under their own keys
/// (EventID, Channel, Hostname, SourceName, RecordNumber, …), EventData fields beside them, and transport keys
/// added by NXLog/Logstash that are dropped (see docs/fields.md).
/// </summary>
internal static class NxlogShape
{
    public static bool Matches(JsonElement root) =>
        root.TryGetProperty("EventID", out _) &&
        (root.TryGetProperty("Channel", out _) || root.TryGetProperty("SourceName", out _) || root.TryGetProperty("Hostname", out _));

    /// <summary>Keys that describe the transport, not the event.</summary>
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase)
    {
        "@version", "port", "EventReceivedTime", "SourceModuleName", "SourceModuleType", "Severity", "SeverityValue",
        "EventType", "EventTypeOrignal", "EventTypeOriginal", "tags", "type",
    };

    public static WinEvent Read(JsonElement root)
    {
        var e = new WinEvent();
        bool hasUserId = root.TryGetProperty("UserID", out _);
        bool hasHostname = root.TryGetProperty("Hostname", out _);
        bool hasOpcodeValue = root.TryGetProperty("OpcodeValue", out _);
        foreach (var p in root.EnumerateObject())
        {
            var v = p.Value;
            switch (p.Name)
            {
                case "EventID": if (JsonText.TryGetInt(v, out var id)) e.EventId = id; continue;
                case "Channel": e.Channel = Channels.Canonical(JsonText.Of(v)); continue;
                case "Hostname": e.Computer = JsonText.Of(v); continue;
                case "host" when !hasHostname: e.Computer = HostName(v); continue;
                case "host": continue; // the collector that forwarded the event, not the event's computer
                case "SourceName": e.Provider = JsonText.Of(v); continue;
                case "ProviderGuid": e.ProviderGuid = Guids.Normalize(JsonText.Of(v)); continue;
                case "RecordNumber": if (JsonText.TryGetLong(v, out var r)) e.RecordId = r; continue;
                case "ExecutionProcessID": if (JsonText.TryGetInt(v, out var pid)) e.ProcessId = pid; continue;
                case "ThreadID": if (JsonText.TryGetInt(v, out var tid)) e.ThreadId = tid; continue;
                case "UserID": e.UserId = JsonText.Of(v); continue;
                case "Keywords": e.Keywords = KeywordsText(v); continue;
                case "Version": if (JsonText.TryGetInt(v, out var ver)) e.Version = ver; continue;
                case "Task": if (JsonText.TryGetInt(v, out var task)) e.Task = task; continue;
                case "OpcodeValue": if (JsonText.TryGetInt(v, out var op)) e.Opcode = op; continue;
                case "Opcode" when hasOpcodeValue: continue; // the rendered opcode name
                case "Level" when JsonText.TryGetInt(v, out var level): e.Level = level; continue;
                case "ActivityID": e.ActivityId = Guids.Normalize(JsonText.Of(v)); continue;
                case "RelatedActivityID": e.RelatedActivityId = Guids.Normalize(JsonText.Of(v)); continue;
                case "EventTime" or "@timestamp": continue; // combined below
                // NXLog resolves Security/@UserID to these three; they are not EventData.
                case "AccountName" or "Domain" or "AccountType" when hasUserId: continue;
            }
            if (Transport.Contains(p.Name)) continue;
            e.Add(p.Name, JsonText.Of(v));
        }
        e.TimeCreated = EventTime(root);
        return e;
    }

    /// <summary>Keywords as Windows renders them: unsigned 64-bit lowercase hex (NXLog writes a signed number).</summary>
    internal static string? KeywordsText(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            if (v.TryGetInt64(out var signed)) return "0x" + unchecked((ulong)signed).ToString("x", CultureInfo.InvariantCulture);
            if (v.TryGetUInt64(out var unsigned)) return "0x" + unsigned.ToString("x", CultureInfo.InvariantCulture);
        }
        var text = JsonText.Of(v);
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
            return "0x" + unchecked((ulong)parsed).ToString("x", CultureInfo.InvariantCulture);
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// NXLog's EventTime is the collector's local time without a zone; @timestamp is UTC but taken at reception.
    /// The zone offset is learned from EventReceivedTime (local) against @timestamp (UTC) of the same record.
    /// </summary>
    private static DateTime EventTime(JsonElement root)
    {
        Timestamps.TryParseUtc(StringOf(root, "@timestamp"), out var received);
        if (!Timestamps.TryParseUtc(StringOf(root, "EventTime"), out var local)) return received;
        if (received != default && Timestamps.TryParseUtc(StringOf(root, "EventReceivedTime"), out var receivedLocal))
        {
            var quarters = Math.Round((received - receivedLocal).TotalMinutes / 15);
            if (Math.Abs(quarters) <= 14 * 4) return DateTime.SpecifyKind(local.AddMinutes(quarters * 15), DateTimeKind.Utc);
        }
        return local;
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) ? JsonText.Scalar(v) : null;

    /// <summary>Logstash may write host as {"name": …}.</summary>
    private static string HostName(JsonElement v) =>
        v.ValueKind == JsonValueKind.Object && v.TryGetProperty("name", out var n) ? JsonText.Of(n) : JsonText.Of(v);
}
