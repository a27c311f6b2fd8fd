using System.Text.Json;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Readers.Json;

/// <summary>
/// Winlogbeat / Elastic Common Schema documents: winlog.* carries the Windows event (channel, event_id,
/// provider_name, record_id, event_data.*, user_data.*), @timestamp the time. Nested objects and dotted keys
/// ("winlog.channel") are both accepted. Only winlog.event_data/user_data and message become payload.
/// </summary>
internal static class EcsShape
{
    public static bool Matches(JsonElement root)
    {
        if (root.TryGetProperty("winlog", out var w) && w.ValueKind == JsonValueKind.Object) return true;
        foreach (var p in root.EnumerateObject())
            if (p.Name.StartsWith("winlog.", StringComparison.Ordinal)) return true;
        return false;
    }

    public static WinEvent Read(JsonElement root)
    {
        var flat = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        Flatten(root, "", flat);
        var e = new WinEvent
        {
            Channel = Channels.Canonical(Text(flat, "winlog.channel") ?? ""),
            Provider = Text(flat, "winlog.provider_name") ?? Text(flat, "event.provider") ?? "",
            ProviderGuid = Guids.Normalize(Text(flat, "winlog.provider_guid")),
            Computer = Text(flat, "winlog.computer_name") ?? Text(flat, "host.name") ?? Text(flat, "host.hostname") ?? "",
            UserId = Text(flat, "winlog.user.identifier"),
            Keywords = Keywords(flat),
            Level = Level(Text(flat, "log.level")),
            ActivityId = Guids.Normalize(Text(flat, "winlog.activity_id")),
            RelatedActivityId = Guids.Normalize(Text(flat, "winlog.related_activity_id")),
        };
        if (int.TryParse(Text(flat, "winlog.event_id") ?? Text(flat, "event.code"), out var id)) e.EventId = id;
        if (long.TryParse(Text(flat, "winlog.record_id"), out var record)) e.RecordId = record;
        if (int.TryParse(Text(flat, "winlog.process.pid"), out var pid)) e.ProcessId = pid;
        if (int.TryParse(Text(flat, "winlog.process.thread.id"), out var tid)) e.ThreadId = tid;
        if (int.TryParse(Text(flat, "winlog.version"), out var version)) e.Version = version;
        if (Timestamps.TryParseUtc(Text(flat, "@timestamp") ?? Text(flat, "event.created"), out var time)) e.TimeCreated = time;

        foreach (var (key, value) in flat)
        {
            if (key.StartsWith("winlog.event_data.", StringComparison.Ordinal)) AddValue(e, key["winlog.event_data.".Length..], value);
            else if (key.StartsWith("winlog.user_data.", StringComparison.Ordinal)) AddValue(e, key[(key.LastIndexOf('.') + 1)..], value);
        }
        if (Text(flat, "message") is { Length: > 0 } message) e.Add("Message", message);
        return e;
    }

    private static void AddValue(WinEvent e, string name, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Array)
            foreach (var item in value.EnumerateArray()) e.Add(name, JsonText.Of(item));
        else e.Add(name, JsonText.Of(value));
    }

    /// <summary>Dotted paths to leaves; arrays stay whole (they are values, e.g. winlog.keywords).</summary>
    private static void Flatten(JsonElement obj, string prefix, Dictionary<string, JsonElement> into)
    {
        foreach (var p in obj.EnumerateObject())
        {
            var key = prefix.Length == 0 ? p.Name : prefix + "." + p.Name;
            // event_data keeps its own names even when they contain dots.
            if (p.Value.ValueKind == JsonValueKind.Object && !prefix.EndsWith("event_data", StringComparison.Ordinal))
                Flatten(p.Value, key, into);
            else into[key] = p.Value;
        }
    }

    private static string? Text(Dictionary<string, JsonElement> flat, string key) =>
        flat.TryGetValue(key, out var v) ? JsonText.Scalar(v) : null;

    /// <summary>Winlogbeat gives keyword names; the two audit ones map back to their Windows bits.</summary>
    private static string? Keywords(Dictionary<string, JsonElement> flat)
    {
        if (!flat.TryGetValue("winlog.keywords", out var v)) return null;
        if (v.ValueKind != JsonValueKind.Array) return NxlogShape.KeywordsText(v);
        ulong bits = 0;
        var names = new List<string>();
        foreach (var item in v.EnumerateArray())
        {
            var name = JsonText.Of(item);
            if (name.Equals("Audit Success", StringComparison.OrdinalIgnoreCase)) bits |= 0x8020000000000000;
            else if (name.Equals("Audit Failure", StringComparison.OrdinalIgnoreCase)) bits |= 0x8010000000000000;
            else names.Add(name);
        }
        return names.Count == 0 && bits != 0 ? "0x" + bits.ToString("x") : string.Join(",", names);
    }

    private static int? Level(string? level) => level?.ToLowerInvariant() switch
    {
        "critical" => 1,
        "error" => 2,
        "warning" => 3,
        "information" or "info" => 4,
        "verbose" => 5,
        _ => null,
    };
}
