using System.ComponentModel;
using System.Text;
using Huntsman.Cli.Infrastructure;
using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Readers;
using Huntsman.Report.Html;
using Huntsman.Report.Navigator;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// `huntsman report PATH... -o report.html`: hunts with the built-in rules (plus --rules) and writes one
/// self-contained HTML report (detections, lateral movement, process trees, ATT&amp;CK, telemetry),
/// optionally an ATT&amp;CK Navigator layer too.
/// </summary>
internal sealed class ReportCommand : Command<ReportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("EVTX/JSON/XML files or directories")]
        public string[] Paths { get; init; } = [];

        [CommandOption("-o|--output <FILE>")]
        [Description("The HTML file to write (default report.html)")]
        [DefaultValue("report.html")]
        public string Output { get; init; } = "report.html";

        [CommandOption("-r|--rules <PATH>")]
        [Description("Sigma rule file or directory (repeatable), in addition to the built-in pack")]
        public string[] Rules { get; init; } = [];

        [CommandOption("--no-builtin")]
        [Description("Do not run the built-in rule pack")]
        public bool NoBuiltin { get; init; }

        [CommandOption("--min-level <LEVEL>")]
        [Description("Only rules of at least this level")]
        public string? MinLevel { get; init; }

        [CommandOption("--lateral-allowlist <FILE>")]
        [Description("Known-good admin tools/accounts/hosts for lateral-movement findings")]
        public string? LateralAllowlist { get; init; }

        [CommandOption("--allowlist <FILE>")]
        [Description("Allowlist of known-good indicators (repeatable; ~/.config/huntsman/allowlist.yml is read too)")]
        public string[] Allowlists { get; init; } = [];

        [CommandOption("--navigator <FILE>")]
        [Description("Also write an ATT&CK Navigator layer of the techniques that fired")]
        public string? Navigator { get; init; }

        [CommandOption("--title <TITLE>")]
        [Description("Report title")]
        [DefaultValue("Huntsman report")]
        public string Title { get; init; } = "Huntsman report";

        [CommandOption("--threads <N>")]
        [Description("Worker threads (0 = all cores)")]
        [DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("No progress bar and no summary")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate() =>
            Paths.Length == 0 ? ValidationResult.Error("give at least one PATH")
            : MinLevel is not null && !Levels.IsValid(MinLevel) ? ValidationResult.Error($"unknown --min-level '{MinLevel}'")
            : Threads < 0 ? ValidationResult.Error("--threads must be 0 or more") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Run(settings, CliConsole.FromEnvironment(), cancellationToken);

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        if (!LateralAllowlistOption.TryLoad(settings.LateralAllowlist, console, out var allowlist)) return ExitCodes.Usage;
        var options = new HuntOptions
        {
            RulePaths = settings.Rules, IncludeBuiltinRules = !settings.NoBuiltin, Reader = new ReaderOptions { Threads = settings.Threads },
            RuleFilter = settings.MinLevel is null ? Sigma.RuleFilter.All
                : new Sigma.RuleFilter { MinLevel = Enum.Parse<Sigma.RuleLevel>(settings.MinLevel, ignoreCase: true) },
        };
        var noise = NoiseControls.Load(settings.Allowlists, null, console);
        if (noise is null) return ExitCodes.Usage;
        var session = HuntSession.Run(settings.Paths, options, allowlist, noise, console, settings.Quiet, cancel);
        var model = ReportModelBuilder.Build(session, settings.Paths, settings.Title);
        try
        {
            using (var output = new StreamWriter(settings.Output, append: false, new UTF8Encoding(false)))
                HtmlReportWriter.Write(model, output);
            if (settings.Navigator is { } layer)
            {
                using var stream = File.Create(layer);
                NavigatorLayer.Write(stream, FiredTechniques.From(session.Detections));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write the report: {ex.Message}");
            return ExitCodes.Usage;
        }
        if (!settings.Quiet)
            console.Error.WriteLine($"wrote {settings.Output}: {session.Detections.Count} detections from {session.Engine.SelectedRules.Count} rules, " +
                                    $"{session.Findings.Count} lateral findings, {model.ProcessTrees.Count} process trees, {model.Hosts.Count} hosts");
        return ExitCodes.For(session.Summary);
    }
}
