using System.Globalization;
using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Tests.Lateral;

/// <summary>
/// Reads the evtx_dump JSONL shape of samples/ into events, so these tests do not depend on which readers are
/// registered. Only what the samples use: System fields, EventData as name/value.
/// </summary>
internal static class EvtxDumpLines
{
    public static IEnumerable<WinEvent> Read(string path)
    {
        long line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var root = JsonDocument.Parse(text).RootElement.GetProperty("Event");
            var sys = root.GetProperty("System");
            var id = sys.GetProperty("EventID");
            var e = new WinEvent
            {
                EventId = id.ValueKind == JsonValueKind.Object ? id.GetProperty("#text").GetInt32() : id.GetInt32(),
                Channel = sys.GetProperty("Channel").GetString()!,
                Computer = sys.GetProperty("Computer").GetString()!,
                Provider = sys.GetProperty("Provider").GetProperty("#attributes").GetProperty("Name").GetString()!,
                RecordId = sys.GetProperty("EventRecordID").GetInt64(),
                TimeCreated = DateTime.Parse(sys.GetProperty("TimeCreated").GetProperty("#attributes").GetProperty("SystemTime").GetString()!,
                    CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                Origin = new EventOrigin(path, 0, 0, line),
            };
            if (sys.TryGetProperty("Security", out var sec) && sec.ValueKind == JsonValueKind.Object)
                e.UserId = sec.GetProperty("#attributes").GetProperty("UserID").GetString();
            if (sys.TryGetProperty("Execution", out var exe))
                e.ProcessId = exe.GetProperty("#attributes").GetProperty("ProcessID").GetInt32();
            if (root.TryGetProperty("EventData", out var data) && data.ValueKind == JsonValueKind.Object)
                foreach (var p in data.EnumerateObject())
                    e.Add(p.Name, p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText());
            yield return e;
        }
    }

    /// <summary>All events of a sample folder, files in ordinal order (as the reader would give them).</summary>
    public static List<WinEvent> ReadFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*.jsonl", SearchOption.AllDirectories).Order(StringComparer.Ordinal).SelectMany(Read).ToList();
}
