using System.ComponentModel;
using Huntsman.Events;
using Huntsman.Query.Store;
using Huntsman.Readers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>huntsman ingest PATH... -o case.duckdb: loads evidence into a DuckDB case (incremental).</summary>
internal sealed class IngestCommand : Command<IngestCommand.Settings>
{
    public sealed class Settings : EvidenceSettings
    {
        [CommandOption("-o|--output <CASE>")]
        [Description("Case file to create or extend (DuckDB)")]
        public string Output { get; init; } = "";

        [CommandOption("--export-parquet <DIR>")]
        [Description("Also write every table as DIR/<Table>.parquet")]
        public string? ExportParquet { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Output) ? ValidationResult.Error("--output <CASE> is required") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        using var store = CaseStore.Open(settings.Output);
        var summary = IngestWithProgress(store, settings.Paths, settings.Threads, settings.Quiet, stderr, cancellationToken);
        if (!settings.Quiet)
            stderr.MarkupLineInterpolated($"[green]{summary.FilesIngested}[/] files ingested ({summary.Events:N0} events, {summary.Bytes / 1e6:F1} MB in {summary.Elapsed.TotalSeconds:F1} s), {summary.FilesUnchanged} unchanged, {summary.FilesReplaced} replaced → {settings.Output}");
        if (settings.ExportParquet is { } dir)
        {
            var files = store.ExportParquet(dir);
            if (!settings.Quiet) stderr.MarkupLineInterpolated($"wrote {files.Count} Parquet files to {dir}");
        }
        return 0;
    }

    /// <summary>Ingests with a Spectre progress bar on stderr (issues printed after), shared with the query command.</summary>
    internal static IngestSummary IngestWithProgress(CaseStore store, string[] paths, int threads, bool quiet, IAnsiConsole stderr, CancellationToken cancel)
    {
        var issues = new List<ReadIssue>();
        var options = new ReaderOptions { Threads = threads };
        IngestSummary summary;
        if (quiet || !stderr.Profile.Capabilities.Interactive)
            summary = CaseIngestor.Ingest(store, paths, options, issues.Add, null, cancel);
        else
        {
            summary = null!;
            stderr.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("ingest", maxValue: 1);
                    summary = CaseIngestor.Ingest(store, paths, options, issues.Add, p =>
                    {
                        task.MaxValue = Math.Max(1, p.BytesTotal);
                        task.Value = p.BytesDone;
                        task.Description = $"ingest {p.FilesDone}/{p.FilesTotal} files, {p.Events:N0} events";
                    }, cancel);
                });
        }
        if (!quiet)
            foreach (var issue in issues.Where(i => i.Severity != IssueSeverity.Note))
                stderr.WriteLine(issue.ToString());
        return summary;
    }
}
