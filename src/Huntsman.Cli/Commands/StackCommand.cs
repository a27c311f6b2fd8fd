using System.ComponentModel;
using Huntsman.Cli.Infrastructure;
using Huntsman.Events;
using Huntsman.Noise.Stack;
using Huntsman.Readers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

internal sealed class StackCommand : Command<StackCommand.Settings>
{
    public sealed class Settings : EvidenceSettings
    {
        [CommandOption("--by <FIELDS>")]
        [Description("Comma-separated fields to stack by, e.g. ParentImage,Image (names resolve like rules: payload, System fields, taxonomy aliases)")]
        public string By { get; init; } = "";

        [CommandOption("--where <FIELD=VALUE>")]
        [Description("Keep events where FIELD=VALUE (or FIELD!=VALUE); case-insensitive, '*' is a wildcard; repeatable (all must hold)")]
        public string[] Where { get; init; } = [];

        [CommandOption("--limit <N>")]
        [Description("Print at most N rows (least frequent first)")]
        public int Limit { get; init; } = int.MaxValue;

        [CommandOption("--format <FORMAT>")]
        [Description("table, csv or json")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        public override ValidationResult Validate()
        {
            if (Paths.Length == 0) return ValidationResult.Error("give at least one evidence path");
            if (string.IsNullOrWhiteSpace(By)) return ValidationResult.Error("--by needs at least one field");
            if (Format is not ("table" or "csv" or "json")) return ValidationResult.Error("--format must be table, csv or json");
            if (Limit < 0) return ValidationResult.Error("--limit must not be negative");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var filters = new List<StackFilter>();
        foreach (var w in settings.Where)
        {
            if (!StackFilter.TryParse(w, out var filter, out var error))
            {
                AnsiConsole.MarkupLineInterpolated($"[red]error:[/] --where {error}");
                return ExitCodes.Usage;
            }
            filters.Add(filter!);
        }
        var fields = settings.By.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var counter = new StackCounter(fields, filters);
        var summary = Scan(settings.Paths, settings.Threads, settings.Quiet, counter.Observe);
        var rows = counter.Rows(settings.Limit);
        switch (settings.Format)
        {
            case "csv":
                StackWriter.WriteCsv(Console.Out, counter, rows);
                break;
            case "json":
                using (var stdout = Console.OpenStandardOutput()) StackWriter.WriteJson(stdout, counter, rows);
                Console.WriteLine();
                break;
            default:
                var table = new Table().Border(TableBorder.Simple);
                foreach (var f in fields) table.AddColumn(TerminalText.Escape(f));
                table.AddColumn(new TableColumn("count").RightAligned());
                table.AddColumn(new TableColumn("hosts").RightAligned());
                foreach (var row in rows)
                    table.AddRow([.. row.Values.Select(TerminalText.Escape), row.Count.ToString("N0"), row.HostCount.ToString("N0")]);
                AnsiConsole.Write(table);
                AnsiConsole.MarkupLineInterpolated(
                    $"[grey]{counter.EventsCounted:N0} of {counter.EventsSeen:N0} events counted in {counter.DistinctTuples:N0} tuples ({counter.EventsMissingField:N0} lacked a field{(counter.EventsOverflowed > 0 ? $", {counter.EventsOverflowed:N0} over the tuple cap" : "")})[/]");
                break;
        }
        return ExitCodes.For(summary);
    }

    /// <summary>Reads the evidence with the shared runner (progress, issues, summary on stderr) and feeds every event, in order, to one observer.</summary>
    private static RunSummary Scan(string[] paths, int threads, bool quiet, Action<WinEvent> observe) =>
        EvidenceRunner.Run(paths, new ReaderOptions { Threads = threads }, CliConsole.FromEnvironment(), quiet, batch => batch, batch =>
        {
            foreach (var e in batch.Events) observe(e);
        });
}
