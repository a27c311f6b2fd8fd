using System.ComponentModel;
using System.Globalization;
using Huntsman.Cli.Infrastructure;
using Huntsman.Hunt;
using Huntsman.Readers;
using Huntsman.Report.Navigator;
using Huntsman.Sigma;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>
/// What `hunt` and `report` share: the evidence, the rules and their selection, the time window, the
/// reader options and the noise controls, and how they become one <see cref="HuntSession"/>.
/// </summary>
internal class HuntSettings : EvidenceSettings
{
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

        [CommandOption("--navigator <FILE>")]
        [Description("Also write an ATT&CK Navigator layer of the techniques that fired")]
        public string? Navigator { get; init; }

    public override ValidationResult Validate()
    {
        if (Paths.Length == 0) return ValidationResult.Error("give at least one PATH");
        if (MinLevel is not null && !Levels.IsValid(MinLevel)) return ValidationResult.Error($"unknown --min-level '{MinLevel}' ({string.Join(", ", Levels.Ordered)})");
        if (From is not null && !TryTime(From, out _)) return ValidationResult.Error($"cannot read --from '{From}' as a time");
        if (To is not null && !TryTime(To, out _)) return ValidationResult.Error($"cannot read --to '{To}' as a time");
        if (!Enum.TryParse<Readers.InputFormat>(InputFormat, true, out _)) return ValidationResult.Error($"unknown --input-format '{InputFormat}'");
        return Threads < 0 ? ValidationResult.Error("--threads must be 0 or more") : ValidationResult.Success();
    }

    /// <summary>Writes the --navigator layer when asked; false (after printing why) when it cannot be written.</summary>
    public bool WriteNavigator(HuntSession session, CliConsole console)
    {
        if (Navigator is null) return true;
        try
        {
            using var stream = File.Create(Navigator);
            NavigatorLayer.Write(stream, FiredTechniques.From(session.Detections));
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write {Navigator}: {ex.Message}");
            return false;
        }
    }

    /// <summary>Loads every option file and runs the hunt; null (after printing why) when an option file is unusable.</summary>
    public HuntSession? RunSession(CliConsole console, string? baseline, CancellationToken cancel, bool printReadSummary)
    {
        HuntOptions options;
        try { options = ToOptions(); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or YamlDotNet.Core.YamlException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
        if (!LateralAllowlistOption.TryLoad(LateralAllowlist, console, out var lateralAllowlist)) return null;
        var noise = NoiseControls.Load(Allowlists, baseline, console);
        if (noise is null) return null;
        return HuntSession.Run(Paths, options, lateralAllowlist, noise, console, Quiet, cancel, printReadSummary);
    }

    public HuntOptions ToOptions()
    {
        var exclude = new HashSet<string>(ExcludeRules, StringComparer.OrdinalIgnoreCase);
        if (ExcludeFile is not null)
            foreach (var line in File.ReadLines(ExcludeFile))
            {
                var id = line.Split('#')[0].Trim();
                if (id.Length > 0) exclude.Add(id);
            }
        var filter = new RuleFilter
        {
            MinLevel = MinLevel is null ? RuleLevel.Unknown : Enum.Parse<RuleLevel>(MinLevel, ignoreCase: true),
            Statuses = Split(Status),
            Tags = Split(Tags),
            RuleIds = new HashSet<string>(RuleIds, StringComparer.OrdinalIgnoreCase),
            ExcludeIds = exclude,
        };
        var load = new RuleLoadOptions();
        if (ExpandConfig is not null) load = load with { Placeholders = RuleLoadOptions.ReadPlaceholders(ExpandConfig) };
        return new HuntOptions
        {
            RulePaths = Rules,
            IncludeBuiltinRules = !NoBuiltin,
            RuleFilter = filter,
            RuleLoad = load,
            From = From is null ? null : Time(From),
            To = To is null ? null : Time(To),
            Reader = new ReaderOptions
            {
                Threads = Threads,
                Recover = Recover,
                ValidateChecksums = ValidateChecksums,
                Format = Enum.Parse<Readers.InputFormat>(InputFormat, true),
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
