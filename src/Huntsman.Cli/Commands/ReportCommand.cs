using System.ComponentModel;
using System.Reflection;
using System.Text;
using Huntsman.Cli.Infrastructure;
using Huntsman.Events;
using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Lineage;
using Huntsman.Readers;
using Huntsman.Report.Html;
using Huntsman.Report.Navigator;
using Huntsman.Sigma;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// `huntsman report PATH... -o report.html`: hunts with the built-in rules (plus --rules), follows process
/// lineage and lateral movement alongside, and writes the self-contained HTML report, optionally an
/// ATT&amp;CK Navigator layer too.
/// </summary>
internal sealed class ReportCommand : Command<ReportCommand.Settings>
{
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
        [Description("Sigma rule file or directory (repeatable), in addition to the built-in pack")]
        public string[] Rules { get; init; } = [];

        [CommandOption("--no-builtin")]
        [Description("Do not run the built-in rule pack")]
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
            Paths.Length == 0 ? ValidationResult.Error("give at least one PATH")
            : Threads < 0 ? ValidationResult.Error("--threads must be 0 or more") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var console = CliConsole.FromEnvironment();
        var options = new HuntOptions
        {
            RulePaths = settings.Rules, IncludeBuiltinRules = !settings.NoBuiltin, Reader = new ReaderOptions { Threads = settings.Threads },
        };
        var rules = RuleLoader.Load(options.RulePaths, options.RuleLoad with { IncludeBuiltin = options.IncludeBuiltinRules });
        foreach (var skipped in rules.Skipped) console.Error.WriteLine(skipped.ToString());
        var engine = new HuntEngine(rules, options);
        var telemetry = new TelemetryCollector();
        var lineage = new ProcessTreeBuilder();
        var lateral = new LateralMovementDetector();
        engine.AddObserver(telemetry);
        engine.AddObserver(new Observer(lineage.Observe));
        engine.AddObserver(new Observer(lateral.Observe));
        var summary = EvidenceRunner.Run(settings.Paths, options.Reader, console, settings.Quiet, engine.Match, engine.Consume, cancellationToken);
        var detections = engine.Finish();
        var forest = lineage.Build();
        foreach (var d in detections)
            if (d.Event is { } e) d.Ancestry = forest.AncestryOf(e);
        var findings = lateral.Finish(forest).Where(f => !f.Suppressed).ToList();

        var hosts = telemetry.Hosts();
        var model = new ReportModel
        {
            Title = settings.Title,
            Summary = new Report.Html.RunSummary
            {
                Inputs = settings.Paths, Files = summary.FilesRead, Events = summary.Events, Errors = summary.Errors + summary.Warnings,
                Rules = engine.SelectedRules.Count, FirstEvent = telemetry.First, LastEvent = telemetry.Last, Hosts = [.. hosts.Select(h => h.Host)],
                GeneratedUtc = DateTime.UtcNow, Duration = summary.Elapsed,
                Version = typeof(ReportCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            },
            Detections = detections,
            LateralMovements = [.. findings.Select(LateralFindingMapper.From)],
            ProcessTrees = DetectionTreeBuilder.Build(forest, detections),
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
            console.Error.WriteLine($"wrote {settings.Output}: {detections.Count} detections from {engine.SelectedRules.Count} rules, {findings.Count} lateral findings, {hosts.Count} hosts");
        return ExitCodes.For(summary);
    }

    private sealed class Observer(Action<WinEvent> observe) : IEventObserver
    {
        public void Observe(WinEvent e) => observe(e);
    }
}
