using System.Text;
using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Report.Detections;

/// <summary>
/// One row per detection with flat columns, for Timeline Explorer and spreadsheets.
/// Fields and ancestry are flattened into single " | "-separated columns.
/// </summary>
public static class DetectionCsvWriter
{
    public static readonly string[] Columns =
        ["Timestamp", "Computer", "Channel", "EventID", "RecordID", "Level", "RuleTitle", "RuleID", "Status", "Attack", "Tags", "Fields", "Ancestry", "File", "Kind"];

    public static void Write(TextWriter output, IEnumerable<Detection> detections)
    {
        output.Write(string.Join(',', Columns));
        output.Write("\r\n");
        var sb = new StringBuilder();
        foreach (var d in detections)
        {
            sb.Clear();
            Cell(sb, SystemFields.FormatTime(d.Timestamp)); Cell(sb, d.Computer); Cell(sb, d.Channel);
            Cell(sb, d.EventId.ToString()); Cell(sb, d.RecordId.ToString()); Cell(sb, d.Level); Cell(sb, d.RuleTitle);
            Cell(sb, d.RuleId); Cell(sb, d.Status); Cell(sb, string.Join(' ', d.Attack)); Cell(sb, string.Join(' ', d.Tags));
            Cell(sb, string.Join(" | ", d.Fields.Select(f => $"{f.Name}: {f.Value}")));
            Cell(sb, string.Join(" <- ", d.Ancestry.Select(a => a.CommandLine ?? a.Image)));
            Cell(sb, d.File); Cell(sb, d.Kind, last: true);
            output.Write(sb);
            output.Write("\r\n");
        }
    }

    /// <summary>RFC 4180 quoting; a leading =,+,-,@ is prefixed with ' so spreadsheets never evaluate evidence as a formula.</summary>
    private static void Cell(StringBuilder sb, string value, bool last = false)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !IsNumber(value)) value = "'" + value;
        bool quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (quote) sb.Append('"').Append(value.Replace("\"", "\"\"")).Append('"');
        else sb.Append(value);
        if (!last) sb.Append(',');
    }

    private static bool IsNumber(string s) => double.TryParse(s, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);
}
