using Huntsman.Events;
using Huntsman.Hunt;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Detections as a terminal timeline: time, host, level, rule, event and the key fields, one block per detection.</summary>
public static class DetectionTable
{
    public static void Write(TextWriter output, IReadOnlyList<Detection> detections)
    {
        if (detections.Count == 0)
        {
            output.WriteLine("No detections.");
            return;
        }
        var table = new PlainTable("Time (UTC)", "Computer", "Level", "Rule", "Event", "Details");
        foreach (var d in detections)
        {
            var details = d.Fields.Where(f => f.Name is not ("EventID" or "Channel" or "Provider_Name")).Take(4)
                .Select(f => $"{f.Name}: {Trim(f.Value)}").ToList();
            if (d.Ancestry.Count > 1) details.Add(string.Join(" <- ", d.Ancestry.Take(4).Select(a => Path.GetFileName(a.Image.Replace('\\', '/')))));
            table.AddRow([SystemFields.FormatTime(d.Timestamp)[..19]], [d.Computer], [d.Level], [d.RuleTitle], [$"{d.EventId} #{d.RecordId}"], details.ToArray());
        }
        table.Write(output);
    }

    private static string Trim(string v) => v.Length > 120 ? v[..117] + "..." : v;

    public static string LevelMarkup(string level) => level switch
    {
        "critical" => "[bold red]critical[/]",
        "high" => "[red]high[/]",
        "medium" => "[yellow]medium[/]",
        "low" => "[green]low[/]",
        _ => Markup.Escape(level),
    };
}
