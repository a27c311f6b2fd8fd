using System.ComponentModel;
using System.Diagnostics;
using System.Reflection;
using Huntsman.Events;
using Huntsman.Readers;
using Huntsman.Report.Html;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// Reads evidence and writes the self-contained HTML report. Until hunt feeds it detections, lateral
/// movement and process trees, the report holds the run summary, read problems and per-host telemetry.
/// </summary>
internal sealed class ReportCommand : Command<ReportCommand.Settings>
{
    private const int MaxErrorSamples = 50;

    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("EVTX/JSON/XML files or directories")]
        public string[] Paths { get; init; } = [];

        [CommandOption("-o|--output <FILE>")]
        [Description("HTML file to write (default report.html)")]
        public string Output { get; init; } = "report.html";

        [CommandOption("--title <TITLE>")]
        public string Title { get; init; } = "Huntsman report";

        [CommandOption("-t|--threads <N>")]
        [Description("Reader threads (0 = all cores)")]
        public int Threads { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var telemetry = new TelemetryCollector();
        var errors = 0;
        var samples = new List<string>();
        void Report(ReadIssue issue)
        {
            if (issue.Severity == IssueSeverity.Note) return;
            lock (samples)
            {
                errors++;
                if (samples.Count < MaxErrorSamples) samples.Add(issue.ToString());
            }
        }

        var options = new ReaderOptions { Threads = settings.Threads };
        int files;
        using (var reader = new EvidenceReader(options, Report))
        {
            EvidencePipeline.Run(reader.Units(settings.Paths), batch => batch, batch =>
            {
                foreach (var issue in batch.Issues) Report(issue);
                foreach (var e in batch.Events) telemetry.Observe(e);
            }, options.EffectiveThreads, cancellationToken);
            files = reader.FilesOpened;
        }

        var hosts = telemetry.Hosts();
        var model = new ReportModel
        {
            Title = settings.Title,
            Summary = new RunSummary
            {
                Inputs = settings.Paths, Files = files, Events = telemetry.Events, Errors = errors, ErrorSamples = samples,
                FirstEvent = telemetry.First, LastEvent = telemetry.Last, Hosts = [.. hosts.Select(h => h.Host)],
                GeneratedUtc = DateTime.UtcNow, Duration = clock.Elapsed,
                Version = typeof(ReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            },
            Hosts = hosts,
        };
        using (var output = new StreamWriter(settings.Output, append: false, new System.Text.UTF8Encoding(false)))
            HtmlReportWriter.Write(model, output);
        AnsiConsole.MarkupLineInterpolated($"wrote [bold]{settings.Output}[/]: {files} files, {telemetry.Events:N0} events, {hosts.Count} hosts, {errors} read problems in {clock.Elapsed.TotalSeconds:0.00} s");
        return 0;
    }
}
