using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Lateral;

/// <summary>Writes lateral findings as JSONL or a JSON array, snake_case keys, absent values as null.</summary>
public static class FindingJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public static void WriteLines(Stream output, IEnumerable<LateralFinding> findings)
    {
        foreach (var f in findings)
        {
            using (var w = new Utf8JsonWriter(output, Options)) Write(w, f);
            output.WriteByte((byte)'\n');
        }
    }

    public static void WriteArray(Stream output, IEnumerable<LateralFinding> findings)
    {
        using var w = new Utf8JsonWriter(output, Options with { Indented = true });
        w.WriteStartArray();
        foreach (var f in findings) Write(w, f);
        w.WriteEndArray();
    }

    public static void Write(Utf8JsonWriter w, LateralFinding f)
    {
        w.WriteStartObject();
        w.WriteString("kind", f.Kind);
        w.WriteString("tool", f.Tool);
        Strings(w, "attack", f.Attack);
        w.WriteString("source_host", f.SourceHost);
        w.WriteString("source_ip", f.SourceIp);
        if (f.SourcePid is { } pid) w.WriteNumber("source_pid", pid); else w.WriteNull("source_pid");
        w.WriteString("target_host", f.TargetHost);
        w.WriteString("account", f.Account);
        Strings(w, "logon_ids", f.LogonIds);
        w.WriteString("logon_type", f.LogonType);
        w.WriteString("auth_package", f.AuthPackage);
        w.WriteString("start", SystemFields.FormatTime(f.Start));
        w.WriteString("end", SystemFields.FormatTime(f.End));
        w.WriteString("service_name", f.ServiceName);
        w.WriteString("service_image", f.ServiceImage);
        Strings(w, "pipes", f.Pipes);
        w.WriteStartArray("source_process");
        foreach (var s in f.SourceProcess) Step(w, s);
        w.WriteEndArray();
        w.WriteStartArray("commands");
        foreach (var c in f.Commands) Command(w, c);
        w.WriteEndArray();
        w.WriteString("confidence", f.Confidence);
        Strings(w, "reasons", f.Reasons);
        if (f.SuppressedBy is not null)
        {
            w.WriteString("suppressed_by", f.SuppressedBy);
            w.WriteString("suppression_reason", f.SuppressionReason);
            w.WriteBoolean("suppressed", f.Suppressed);
        }
        w.WriteStartArray("evidence");
        foreach (var e in f.Evidence)
        {
            w.WriteStartObject();
            w.WriteString("host", e.Host);
            w.WriteString("time", SystemFields.FormatTime(e.Time));
            w.WriteString("file", e.File);
            w.WriteNumber("record_id", e.RecordId);
            w.WriteNumber("event_id", e.EventId);
            w.WriteString("summary", e.Summary);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Step(Utf8JsonWriter w, ProcessStep s)
    {
        w.WriteStartObject();
        w.WriteString("image", s.Image);
        w.WriteString("command_line", s.CommandLine);
        if (s.ProcessId is { } pid) w.WriteNumber("pid", pid);
        w.WriteString("user", s.User);
        if (s.Time is { } t) w.WriteString("time", SystemFields.FormatTime(t));
        w.WriteEndObject();
    }

    private static void Command(Utf8JsonWriter w, CommandTree c)
    {
        w.WriteStartObject();
        w.WriteString("image", c.Image);
        w.WriteString("command_line", c.CommandLine);
        w.WriteNumber("pid", c.ProcessId);
        w.WriteString("user", c.User);
        if (c.Time is { } t) w.WriteString("time", SystemFields.FormatTime(t));
        w.WriteStartArray("children");
        foreach (var child in c.Children) Command(w, child);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
