using System.Text;
using Huntsman.Events;
using Huntsman.Hunt;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// Detections as a terminal timeline: time, host, level, rule, event and the key fields, one block per detection.
/// Written straight to the stream with computed column widths: a layout-engine table measured every cell of
/// every row several times, which took longer than the hunt itself on a few thousand detections.
/// </summary>
public static class DetectionTable
{
    private static readonly string[] Headers = ["Time (UTC)", "Computer", "Level", "Rule", "Event", "Details"];
    private const string Gap = "   ";

    public static void Write(TextWriter output, IReadOnlyList<Detection> detections)
    {
        if (detections.Count == 0)
        {
            output.WriteLine("No detections.");
            return;
        }
        var rows = new List<string[][]>(detections.Count);
        var widths = Headers.Select(h => h.Length).ToArray();
        foreach (var d in detections)
        {
            var details = d.Fields.Where(f => f.Name is not ("EventID" or "Channel" or "Provider_Name")).Take(4)
                .Select(f => $"{f.Name}: {Trim(f.Value)}").ToList();
            if (d.Ancestry.Count > 1) details.Add(string.Join(" <- ", d.Ancestry.Take(4).Select(a => Path.GetFileName(a.Image.Replace('\\', '/')))));
            string[][] row =
            [
                [SystemFields.FormatTime(d.Timestamp)[..19]], [d.Computer], [d.Level], [d.RuleTitle], [$"{d.EventId} #{d.RecordId}"],
                details.Count == 0 ? [""] : details.ToArray(),
            ];
            for (int c = 0; c < row.Length; c++)
                for (int l = 0; l < row[c].Length; l++)
                {
                    row[c][l] = Printable(row[c][l]);
                    widths[c] = Math.Max(widths[c], Width(row[c][l]));
                }
            rows.Add(row);
        }
        var line = new StringBuilder(256);
        WriteLine(output, line, widths, Headers.Select(h => new[] { h }).ToArray(), 0);
        output.WriteLine(new string('─', widths.Sum() + Gap.Length * (widths.Length - 1) + 2));
        foreach (var row in rows)
        {
            int height = row.Max(c => c.Length);
            for (int l = 0; l < height; l++) WriteLine(output, line, widths, row, l);
        }
    }

    private static void WriteLine(TextWriter output, StringBuilder line, int[] widths, string[][] row, int index)
    {
        line.Clear().Append("  ");
        for (int c = 0; c < row.Length; c++)
        {
            var text = index < row[c].Length ? row[c][index] : "";
            line.Append(text);
            if (c < row.Length - 1) line.Append(' ', widths[c] - Width(text)).Append(Gap);
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    private static string Trim(string v) => v.Length > 120 ? v[..117] + "..." : v;

    /// <summary>Terminal cells: ASCII is one per char; anything else asks the console library (wide CJK, combining marks).</summary>
    private static int Width(string text) => Ascii.IsValid(text) ? text.Length : new Spectre.Console.Rendering.Segment(text).CellCount();

    /// <summary>
    /// Evidence is attacker-controlled: control characters (escape sequences could drive the analyst's terminal, line
    /// breaks would forge rows) are shown as \xNN instead of being written.
    /// </summary>
    internal static string Printable(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\0', '\x1f') && !text.AsSpan().ContainsAnyInRange('\x7f', '\x9f')) return text;
        var sb = new StringBuilder(text.Length + 8);
        foreach (var ch in text)
        {
            if (ch < 0x20 || ch is >= '\x7f' and <= '\x9f') sb.Append($"\\x{(int)ch:x2}");
            else sb.Append(ch);
        }
        return sb.ToString();
    }

    public static string LevelMarkup(string level) => level switch
    {
        "critical" => "[bold red]critical[/]",
        "high" => "[red]high[/]",
        "medium" => "[yellow]medium[/]",
        "low" => "[green]low[/]",
        _ => Markup.Escape(level),
    };
}
