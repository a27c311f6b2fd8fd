using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Noise.Baseline;

/// <summary>Anomalies as JSON objects (kind "anomaly"), one per line or as an array.</summary>
public static class AnomalyJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void WriteArray(Stream output, IEnumerable<Anomaly> anomalies)
    {
        using var w = new Utf8JsonWriter(output, Options with { Indented = true });
        w.WriteStartArray();
        foreach (var a in anomalies) Write(w, a);
        w.WriteEndArray();
    }

    public static void WriteLines(Stream output, IEnumerable<Anomaly> anomalies)
    {
        foreach (var a in anomalies)
        {
            using (var w = new Utf8JsonWriter(output, Options)) Write(w, a);
            output.WriteByte((byte)'\n');
        }
    }

    public static void Write(Utf8JsonWriter w, Anomaly a)
    {
        w.WriteStartObject();
        w.WriteString("kind", Anomaly.FindingKind);
        w.WriteString("first", SystemFields.FormatTime(a.First));
        w.WriteString("last", SystemFields.FormatTime(a.Last));
        w.WriteString("host", a.Host);
        w.WriteString("category", BehaviourKinds.JsonName(a.Category));
        w.WriteString("key", a.Key);
        w.WriteBoolean("never_seen", a.NeverSeen);
        w.WriteNumber("score", a.Score);
        w.WriteNumber("occurrences", a.Occurrences);
        w.WriteString("explanation", a.Explanation);
        w.WriteString("file", a.Event.File);
        w.WriteNumber("record_id", a.Event.RecordId);
        w.WriteEndObject();
    }
}
