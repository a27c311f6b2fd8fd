using System.ComponentModel;
using System.Globalization;
using Huntsman.Cli.Infrastructure;
using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Noise.Baseline;
using Huntsman.Report.Navigator;
using Huntsman.Readers;
using Huntsman.Report.Detections;
using Huntsman.Sigma;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>`huntsman hunt PATH...`: run the built-in rules plus any --rules over the evidence.</summary>
internal sealed class HuntCommand : Command<HuntCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<PATH>")]
        [Description("EVTX/JSON/XML files or directories")]
        public string[] Paths { get; init; } = [];

        [CommandOption("-r|--rules <DIR>")]
        [Description("Sigma rule file or directory (repeatable), in addition to the built-in pack")]
        public string[] Rules { get; init; } = [];

        [CommandOption("--no-builtin")]
        [Description("Do not run the built-in rule pack")]
        public bool NoBuiltin { get; init; }

        [CommandOption("--min-level <LEVEL>")]
        [Description("informational, low, medium, high or critical")]
        public string? MinLevel { get; init; }

        [CommandOption("--status <STATUS>")]
        [Description("Only rules with these statuses (comma-separated: stable,test,experimental,…)")]
        public string? Status { get; init; }

        [CommandOption("--tags <TAGS>")]
        [Description("Only rules carrying one of these tags (comma-separated)")]
        public string? Tags { get; init; }

        [CommandOption("--rule-id <ID>")]
        [Description("Only these rule ids or names (repeatable)")]
        public string[] RuleIds { get; init; } = [];

        [CommandOption("--exclude-rule <ID>")]
        [Description("Never run these rule ids or names (repeatable)")]
        public string[] ExcludeRules { get; init; } = [];

        [CommandOption("--exclude-file <FILE>")]
        [Description("A file of rule ids to exclude, one per line (# comments)")]
        public string? ExcludeFile { get; init; }

        [CommandOption("--expand-config <FILE>")]
        [Description("YAML map of placeholder name → values for the |expand modifier")]
        public string? ExpandConfig { get; init; }

        [CommandOption("--from <TIME>")]
        [Description("Only events at or after TIME (ISO 8601, UTC unless an offset is given)")]
        public string? From { get; init; }

        [CommandOption("--to <TIME>")]
        [Description("Only events at or before TIME")]
        public string? To { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("table (default), csv, json or jsonl")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("-o|--output <FILE>")]
        [Description("Write detections to FILE instead of stdout")]
        public string? Output { get; init; }

        [CommandOption("--threads <N>")]
        [Description("Worker threads (0 = all cores)")]
        [DefaultValue(0)]
        public int Threads { get; init; }

        [CommandOption("--recover")]
        [Description("Carve records from EVTX slack space")]
        public bool Recover { get; init; }

        [CommandOption("--validate-checksums")]
        [Description("Skip EVTX chunks whose CRC32 does not match (reported)")]
        public bool ValidateChecksums { get; init; }

        [CommandOption("--input-format <FORMAT>")]
        [Description("auto (default), evtx, json or xml")]
        [DefaultValue("auto")]
        public string InputFormat { get; init; } = "auto";

        [CommandOption("--lateral-allowlist <FILE>")]
        [Description("Known-good admin tools/accounts/hosts that lower or suppress lateral-movement findings (see allowlists/)")]
        public string? LateralAllowlist { get; init; }

        [CommandOption("--allowlist <FILE>")]
        [Description("Allowlist of known-good indicators (repeatable; ~/.config/huntsman/allowlist.yml is read too)")]
        public string[] Allowlists { get; init; } = [];

        [CommandOption("--show-suppressed")]
        [Description("List every detection and finding the allowlist suppressed")]
        public bool ShowSuppressed { get; init; }

        [CommandOption("--baseline <FILE>")]
        [Description("A baseline from `baseline learn`: mark detections seen/unseen and report anomalies")]
        public string? Baseline { get; init; }

        [CommandOption("--navigator <FILE>")]
        [Description("Also write an ATT&CK Navigator layer of the techniques that fired")]
        public string? Navigator { get; init; }

        [CommandOption("-q|--quiet")]
        [Description("No progress bar and no summary")]
        public bool Quiet { get; init; }

        public override ValidationResult Validate()
        {
            if (Paths.Length == 0) return ValidationResult.Error("give at least one PATH");
            if (Format is not ("table" or "csv" or "json" or "jsonl")) return ValidationResult.Error($"unknown --format '{Format}' (table, csv, json, jsonl)");
            if (MinLevel is not null && !Levels.IsValid(MinLevel)) return ValidationResult.Error($"unknown --min-level '{MinLevel}' ({string.Join(", ", Levels.Ordered)})");
            if (From is not null && !TryTime(From, out _)) return ValidationResult.Error($"cannot read --from '{From}' as a time");
            if (To is not null && !TryTime(To, out _)) return ValidationResult.Error($"cannot read --to '{To}' as a time");
            if (!Enum.TryParse<Readers.InputFormat>(InputFormat, true, out _)) return ValidationResult.Error($"unknown --input-format '{InputFormat}'");
            return Threads < 0 ? ValidationResult.Error("--threads must be 0 or more") : ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken) =>
        Run(settings, CliConsole.FromEnvironment(), cancellationToken);

    internal static int Run(Settings settings, CliConsole console, CancellationToken cancel = default)
    {
        HuntOptions options;
        try { options = BuildOptions(settings); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (!LateralAllowlistOption.TryLoad(settings.LateralAllowlist, console, out var lateralAllowlist)) return ExitCodes.Usage;

        using var output = OutputTarget.Open(settings.Output, console);
        if (output is null) return ExitCodes.Usage;
        var noise = NoiseControls.Load(settings.Allowlists, settings.Baseline, console);
        if (noise is null) return ExitCodes.Usage;
        // hunt's own summary panel reports what was read.
        var session = HuntSession.Run(settings.Paths, options, lateralAllowlist, noise, console, settings.Quiet, cancel, printReadSummary: false);
        var (detections, findings, engine, summary) = (session.Detections, session.Findings, session.Engine, session.Summary);

        if (settings.Navigator is { } layer)
        {
            try
            {
                using var stream = File.Create(layer);
                NavigatorLayer.Write(stream, FiredTechniques.From(detections));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: cannot write {layer}: {ex.Message}");
            }
        }
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
                using (var w = new StreamWriter(output.Stream, leaveOpen: true)) DetectionTable.Write(w, detections, console.NoColor);
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

    internal static HuntOptions BuildOptions(Settings s)
    {
        var exclude = new HashSet<string>(s.ExcludeRules, StringComparer.OrdinalIgnoreCase);
        if (s.ExcludeFile is not null)
            foreach (var line in File.ReadLines(s.ExcludeFile))
            {
                var id = line.Split('#')[0].Trim();
                if (id.Length > 0) exclude.Add(id);
            }
        var filter = new RuleFilter
        {
            MinLevel = s.MinLevel is null ? RuleLevel.Unknown : Enum.Parse<RuleLevel>(s.MinLevel, ignoreCase: true),
            Statuses = Split(s.Status),
            Tags = Split(s.Tags),
            RuleIds = new HashSet<string>(s.RuleIds, StringComparer.OrdinalIgnoreCase),
            ExcludeIds = exclude,
        };
        var load = new RuleLoadOptions();
        if (s.ExpandConfig is not null) load = load with { Placeholders = RuleLoadOptions.ReadPlaceholders(s.ExpandConfig) };
        return new HuntOptions
        {
            RulePaths = s.Rules,
            IncludeBuiltinRules = !s.NoBuiltin,
            RuleFilter = filter,
            RuleLoad = load,
            From = s.From is null ? null : Time(s.From),
            To = s.To is null ? null : Time(s.To),
            Reader = new ReaderOptions
            {
                Threads = s.Threads,
                Recover = s.Recover,
                ValidateChecksums = s.ValidateChecksums,
                Format = Enum.Parse<Readers.InputFormat>(s.InputFormat, true),
            },
        };
    }

    private static HashSet<string> Split(string? csv) =>
        new((csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), StringComparer.OrdinalIgnoreCase);

    private static bool TryTime(string text, out DateTime utc)
    {
        var ok = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t);
        utc = ok ? t.UtcDateTime : default;
        return ok;
    }

    private static DateTime Time(string text) => TryTime(text, out var t) ? t : throw new FormatException($"cannot read '{text}' as a time");
}
