using System.Text;
using System.Text.Json;

namespace Huntsman.Query;

/// <summary>Writes query results as CSV (RFC 4180, formula-safe) or JSON lines (one object per row, columns in order).</summary>
public static class QueryResultWriter
{
    public static void WriteCsv(TextWriter output, QueryResult result)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < result.Columns.Count; i++) Cell(sb, result.Columns[i], i == result.Columns.Count - 1);
        output.Write(sb.Append("\r\n"));
        foreach (var row in result.Rows)
        {
            sb.Clear();
            for (int i = 0; i < row.Length; i++) Cell(sb, QueryValueFormat.Format(row[i]), i == row.Length - 1);
            output.Write(sb.Append("\r\n"));
        }
    }

    public static void WriteJson(Stream output, QueryResult result)
    {
        var newline = "\n"u8.ToArray();
        foreach (var row in result.Rows)
        {
            using (var w = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                w.WriteStartObject();
                for (int i = 0; i < row.Length; i++)
                {
                    w.WritePropertyName(result.Columns[i]);
                    switch (row[i])
                    {
                        case null: w.WriteNullValue(); break;
                        case long or int or short or byte or ulong or uint or ushort or sbyte:
                            w.WriteNumberValue(Convert.ToInt64(row[i], System.Globalization.CultureInfo.InvariantCulture)); break;
                        case double d when double.IsFinite(d): w.WriteNumberValue(d); break;
                        case bool b: w.WriteBooleanValue(b); break;
                        default: w.WriteStringValue(QueryValueFormat.Format(row[i])); break;
                    }
                }
                w.WriteEndObject();
            }
            output.Write(newline);
        }
    }

    /// <summary>A leading =,+,-,@ is prefixed with ' so spreadsheets never evaluate evidence as a formula.</summary>
    private static void Cell(StringBuilder sb, string value, bool last)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@'
            && !double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _))
            value = "'" + value;
        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0) sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        else sb.Append(value);
        if (!last) sb.Append(',');
    }
}
