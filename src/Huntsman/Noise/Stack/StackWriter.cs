using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Huntsman.Noise.Stack;

/// <summary>Writes stack rows as CSV (RFC 4180 quoting) or as one JSON document.</summary>
public static class StackWriter
{
    public static void WriteCsv(TextWriter output, StackCounter counter, IReadOnlyList<StackRow> rows)
    {
        var line = new StringBuilder();
        foreach (var f in counter.Fields) line.Append(Csv(f)).Append(',');
        output.WriteLine(line.Append("count,hosts,host_names").ToString());
        foreach (var row in rows)
        {
            line.Clear();
            foreach (var v in row.Values) line.Append(Csv(v)).Append(',');
            line.Append(row.Count).Append(',').Append(row.HostCount).Append(',').Append(Csv(string.Join(';', row.Hosts)));
            output.WriteLine(line.ToString());
        }
    }

    public static void WriteJson(Stream output, StackCounter counter, IReadOnlyList<StackRow> rows)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartArray("by");
        foreach (var f in counter.Fields) w.WriteStringValue(f);
        w.WriteEndArray();
        w.WriteStartArray("where");
        foreach (var f in counter.Filters) w.WriteStringValue(f.ToString());
        w.WriteEndArray();
        w.WriteNumber("events_seen", counter.EventsSeen);
        w.WriteNumber("events_counted", counter.EventsCounted);
        w.WriteNumber("events_missing_field", counter.EventsMissingField);
        w.WriteNumber("events_overflowed", counter.EventsOverflowed);
        w.WriteNumber("distinct_tuples", counter.DistinctTuples);
        w.WriteStartArray("rows");
        foreach (var row in rows)
        {
            w.WriteStartObject();
            w.WriteStartObject("values");
            for (int i = 0; i < counter.Fields.Count; i++) w.WriteString(counter.Fields[i], row.Values[i]);
            w.WriteEndObject();
            w.WriteNumber("count", row.Count);
            w.WriteNumber("hosts", row.HostCount);
            w.WriteStartArray("host_names");
            foreach (var h in row.Hosts) w.WriteStringValue(h);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    internal static string Csv(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
}
