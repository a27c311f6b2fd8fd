using Huntsman.Events;
using Huntsman.Hunt;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Detections as a terminal table: time, host, level, rule, and the key fields.</summary>
public static class DetectionTable
{
    public static void Write(TextWriter output, IReadOnlyList<Detection> detections, bool noColor)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            ColorSystem = noColor || output != Console.Out ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        // A pipe or file has no width of its own; keep rows readable rather than wrapping at 80 columns.
        if (Console.IsOutputRedirected || output != Console.Out) console.Profile.Width = 220;
        if (detections.Count == 0)
        {
            console.WriteLine("No detections.");
            return;
        }
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Time (UTC)").AddColumn("Computer").AddColumn("Level").AddColumn("Rule").AddColumn("Event").AddColumn("Details");
        foreach (var d in detections)
        {
            var details = string.Join("\n", d.Fields.Where(f => f.Name is not ("EventID" or "Channel" or "Provider_Name")).Take(4).Select(f => $"{f.Name}: {Trim(f.Value)}"));
            if (d.Ancestry.Count > 1) details += "\n" + string.Join(" <- ", d.Ancestry.Take(4).Select(a => Path.GetFileName(a.Image.Replace('\\', '/'))));
            table.AddRow(
                Markup.Escape(SystemFields.FormatTime(d.Timestamp)[..19]),
                Markup.Escape(d.Computer),
                LevelMarkup(d.Level),
                Markup.Escape(d.RuleTitle),
                Markup.Escape($"{d.EventId} #{d.RecordId}"),
                Markup.Escape(details));
        }
        console.Write(table);
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
