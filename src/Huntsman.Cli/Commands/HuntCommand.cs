using System.ComponentModel;
using Huntsman.Cli.Infrastructure;
using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Noise.Baseline;
using Huntsman.Report.Detections;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>`huntsman hunt PATH...`: run the built-in rules plus any --rules over the evidence.</summary>
internal sealed class HuntCommand : Command<HuntCommand.Settings>
{
    public sealed class Settings : HuntSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("table (default), csv, json or jsonl")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write detections to FILE instead of stdout")]
        public string? Output { get; init; }

        [CommandOption("--show-suppressed")]
        [Description("List every detection and finding the allowlist suppressed")]
        public bool ShowSuppressed { get; init; }

        [CommandOption("--baseline <FILE>")]
        [Description("A baseline from `baseline learn`: mark detections seen/unseen and report anomalies")]
        public string? Baseline { get; init; }

        public override ValidationResult Validate() =>
            Format is not ("table" or "csv" or "json" or "jsonl") ? ValidationResult.Error($"unknown --format '{Format}' (table, csv, json, jsonl)") : base.Validate();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Run(settings, CliConsole.FromEnvironment(), cancellationToken);

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        using var output = OutputTarget.Open(settings.Output, console);
        if (output is null) return ExitCodes.Usage;
        // hunt's own summary panel reports what was read.
        var session = settings.RunSession(console, settings.Baseline, cancel, printReadSummary: false);
        if (session is null) return ExitCodes.Usage;
        var (detections, findings, engine, summary) = (session.Detections, session.Findings, session.Engine, session.Summary);

        settings.WriteNavigator(session, console);
        switch (settings.Format)
        {
            case "jsonl":
                DetectionJsonWriter.WriteLines(output.Stream, detections);
                FindingJsonWriter.WriteLines(output.Stream, findings);
                AnomalyJsonWriter.WriteLines(output.Stream, session.Anomalies);
                break;
            case "json": HuntJsonReport.Write(output.Stream, detections, findings, engine, w => HuntJsonBlocks.Write(w, session)); break;
            case "csv":
                using (var w = new StreamWriter(output.Stream, leaveOpen: true)) DetectionCsvWriter.Write(w, detections);
                break;
            default:
                using (var w = new StreamWriter(output.Stream, leaveOpen: true)) DetectionTable.Write(w, detections);
                if (findings.Count > 0) LateralCommand.WriteTable(output.Stream, findings);
                break;
        }
        if (!settings.Quiet)
        {
            HuntSummaryPrinter.Print(console, summary, engine, detections, findings);
            NoiseSummaryPrinter.Print(console, session, settings.ShowSuppressed);
        }
        return ExitCodes.For(summary);
    }
}
