using System.ComponentModel;
using System.Reflection;
using System.Text;
using Huntsman.Cli.Infrastructure;
using Huntsman.Events;
using Huntsman.Hunt;
using Huntsman.Readers;
using Huntsman.Report.Html;
using Huntsman.Report.Navigator;
using Huntsman.Sigma;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// `huntsman report PATH... -o report.html`: reads evidence, runs the built-in rules (plus any given with
/// --rules) and writes the self-contained HTML report (optionally an ATT&amp;CK Navigator layer too).
/// Lateral movement and process trees join the report once hunt feeds them into <see cref="ReportModel"/>.
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
        [DefaultValue("report.html")]
        public string Output { get; init; } = "report.html";

        [CommandOption("-r|--rules <PATH>")]
        [Description("Sigma rule files or directories, in addition to the built-in pack")]
        public string[] Rules { get; init; } = [];

        [CommandOption("--no-builtin")]
        [Description("Do not load the built-in rule pack")]
        public bool NoBuiltin { get; init; }

        [CommandOption("--navigator <FILE>")]
        [Description("Also write an ATT&CK Navigator layer of the techniques that fired")]
        public string? Navigator { get; init; }

        [CommandOption("--title <TITLE>")]
        [DefaultValue("Huntsman report")]
        public string Title { get; init; } = "Huntsman report";

        [CommandOption("--threads <N>")]
        [Description("Worker threads (0 = all cores)")]
        [DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("No progress bar and no summary (issues are still printed)")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate() =>
            Paths.Length == 0 ? ValidationResult.Error("give at least one evidence path") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var console = CliConsole.FromEnvironment();
        var rules = RuleLoader.Load(settings.Rules, new RuleLoadOptions { IncludeBuiltin = !settings.NoBuiltin });
        foreach (var skipped in rules.Skipped) console.Error.WriteLine(skipped.ToString());
        var matcher = new RuleMatcher(rules);

        var telemetry = new TelemetryCollector();
        var detections = new List<Detection>();
        var summary = EvidenceRunner.Run(settings.Paths, new ReaderOptions { Threads = settings.Threads }, console, settings.Quiet,
            batch => Match(matcher, batch), result =>
            {
                foreach (var e in result.Events) telemetry.Observe(e);
                detections.AddRange(result.Detections);
            }, cancellationToken);
        detections.Sort(Detection.Compare);

        var hosts = telemetry.Hosts();
        var model = new ReportModel
        {
            Title = settings.Title,
            Summary = new Report.Html.RunSummary
            {
                Inputs = settings.Paths, Files = summary.FilesRead, Events = summary.Events, Errors = summary.Errors + summary.Warnings,
                Rules = matcher.Rules.Count, FirstEvent = telemetry.First, LastEvent = telemetry.Last, Hosts = [.. hosts.Select(h => h.Host)],
                GeneratedUtc = DateTime.UtcNow, Duration = summary.Elapsed,
                Version = typeof(ReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            },
            Detections = detections,
            Hosts = hosts,
        };
        using (var output = new StreamWriter(settings.Output, append: false, new UTF8Encoding(false)))
            HtmlReportWriter.Write(model, output);
        if (settings.Navigator is { } layer)
        {
            using var stream = File.Create(layer);
            NavigatorLayer.Write(stream, FiredTechniques.From(detections));
        }
        if (!settings.Quiet)
            console.Error.WriteLine($"wrote {settings.Output}: {detections.Count} detections from {matcher.Rules.Count} rules, {hosts.Count} hosts");
        return ExitCodes.For(summary);
    }

    private sealed record Matched(List<WinEvent> Events, List<Detection> Detections);

    /// <summary>Runs on a worker thread: the matcher is thread-safe.</summary>
    private static Matched Match(RuleMatcher matcher, EventBatch batch)
    {
        var hits = new List<RuleHit>();
        var detections = new List<Detection>();
        foreach (var e in batch.Events)
        {
            hits.Clear();
            matcher.Match(e, hits);
            foreach (var hit in hits) detections.Add(ToDetection(hit));
        }
        return new Matched(batch.Events, detections);
    }

    private static Detection ToDetection(RuleHit hit) => new()
    {
        Timestamp = hit.Event.TimeCreated, Computer = hit.Event.Computer, Channel = hit.Event.Channel, EventId = hit.Event.EventId,
        RecordId = hit.Event.RecordId, File = hit.Event.Origin.File, RuleId = hit.Rule.Id ?? hit.Rule.Name ?? hit.Rule.File,
        RuleTitle = hit.Rule.Title, Level = hit.Rule.Level.ToString().ToLowerInvariant(), Status = hit.Rule.Status,
        Tags = hit.Rule.Tags, Attack = hit.Rule.Techniques,
        Fields = [.. hit.Fields().Select(f => new EventField(f.Key, f.Value))], Event = hit.Event,
    };
}
