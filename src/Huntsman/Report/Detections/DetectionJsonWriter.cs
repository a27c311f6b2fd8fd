using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Report.Detections;

/// <summary>Writes detections as JSONL, one object per line, or into a larger JSON document.</summary>
public static class DetectionJsonWriter
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static void WriteLines(Stream output, IEnumerable<Detection> detections)
    {
        foreach (var d in detections)
        {
            using (var w = new Utf8JsonWriter(output, Options)) Write(w, d);
            output.WriteByte((byte)'\n');
        }
    }

    public static void Write(Utf8JsonWriter w, Detection d)
    {
        w.WriteStartObject();
        w.WriteString("timestamp", SystemFields.FormatTime(d.Timestamp));
        w.WriteString("computer", d.Computer);
        w.WriteString("channel", d.Channel);
        w.WriteNumber("event_id", d.EventId);
        w.WriteNumber("record_id", d.RecordId);
        w.WriteString("file", d.File);
        w.WriteString("kind", d.Kind);
        w.WriteString("rule_id", d.RuleId);
        w.WriteString("rule_title", d.RuleTitle);
        w.WriteString("level", d.Level);
        w.WriteString("status", d.Status);
        WriteStrings(w, "tags", d.Tags);
        WriteStrings(w, "attack", d.Attack);
        if (d.Baseline is not null)
        {
            w.WriteString("baseline", d.Baseline);
            if (d.BaselineNote is not null) w.WriteString("baseline_note", d.BaselineNote);
        }
        w.WriteStartObject("fields");
        foreach (var f in d.Fields) w.WriteString(f.Name, f.Value);
        w.WriteEndObject();
        if (d.Group.Count > 0)
        {
            w.WriteStartObject("group");
            foreach (var f in d.Group) w.WriteString(f.Name, f.Value);
            w.WriteEndObject();
        }
        if (d.Ancestry.Count > 0)
        {
            w.WriteStartArray("ancestry");
            foreach (var step in d.Ancestry)
            {
                w.WriteStartObject();
                w.WriteString("image", step.Image);
                if (step.CommandLine is not null) w.WriteString("command_line", step.CommandLine);
                if (step.ProcessId is { } pid) w.WriteNumber("pid", pid);
                if (step.User is not null) w.WriteString("user", step.User);
                if (step.Time is { } t) w.WriteString("time", SystemFields.FormatTime(t));
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        if (d.Contributing.Count > 0)
        {
            w.WriteStartArray("events");
            foreach (var e in d.Contributing)
            {
                w.WriteStartObject();
                w.WriteString("timestamp", SystemFields.FormatTime(e.Timestamp));
                w.WriteString("computer", e.Computer);
                w.WriteString("channel", e.Channel);
                w.WriteNumber("event_id", e.EventId);
                w.WriteNumber("record_id", e.RecordId);
                w.WriteString("file", e.File);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
