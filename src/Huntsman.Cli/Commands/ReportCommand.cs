using System.ComponentModel;
using System.Text;
using Huntsman.Cli.Infrastructure;
using Huntsman.Report.Html;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// `huntsman report PATH... -o report.html`: the same hunt as `huntsman hunt` (same options), written as one
/// self-contained HTML report (detections, lateral movement, process trees, ATT&amp;CK, telemetry, blind spots,
/// suppressed items), optionally with an ATT&amp;CK Navigator layer.
/// </summary>
internal sealed class ReportCommand : Command<ReportCommand.Settings>
{
    public sealed class Settings : HuntSettings
    {
        [CommandOption("-o|--output <FILE>")]
        [Description("The HTML file to write (default report.html)")]
        [DefaultValue("report.html")]
        public string Output { get; init; } = "report.html";

        [CommandOption("--title <TITLE>")]
        [Description("Report title")]
        [DefaultValue("Huntsman report")]
        public string Title { get; init; } = "Huntsman report";
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Run(settings, CliConsole.FromEnvironment(), cancellationToken);

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        var session = settings.RunSession(console, baseline: null, cancel, printReadSummary: true);
        if (session is null) return ExitCodes.Usage;
        var model = ReportModelBuilder.Build(session, settings.Paths, settings.Title);
        try
        {
            using (var output = new StreamWriter(settings.Output, append: false, new UTF8Encoding(false)))
                HtmlReportWriter.Write(model, output);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write the report: {ex.Message}");
            return ExitCodes.Usage;
        }
        if (!settings.WriteNavigator(session, console)) return ExitCodes.Usage;
        if (!settings.Quiet)
            console.Error.WriteLine($"wrote {settings.Output}: {session.Detections.Count} detections from {session.Engine.SelectedRules.Count} rules, " +
                                    $"{session.Findings.Count} lateral findings, {model.ProcessTrees.Count} process trees, {model.Hosts.Count} hosts");
        return ExitCodes.For(session.Summary);
    }
}
