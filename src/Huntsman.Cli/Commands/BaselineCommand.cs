using System.ComponentModel;
using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;
using Huntsman.Cli.Infrastructure;
using Huntsman.Noise.Allowlist;
using Huntsman.Noise.Baseline;
using Huntsman.Readers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

/// <summary>`baseline learn` (known-good evidence → baseline.json) and `baseline check` (evidence → anomalies against a baseline).</summary>
internal static class BaselineCommand
{
    internal sealed class LearnSettings : EvidenceSettings
    {
        [CommandOption("-o|--output <FILE>")]
        [Description("Where to write the baseline JSON")]
        public string Output { get; init; } = "";

        [CommandOption("--max-keys <N>")]
        [Description("Distinct keys kept per behaviour category (the most frequent)")]
        [DefaultValue(BehaviourBaseline.DefaultMaxKeysPerCategory)]
        public int MaxKeys { get; init; } = BehaviourBaseline.DefaultMaxKeysPerCategory;

        public override ValidationResult Validate()
        {
            if (Paths.Length == 0) return ValidationResult.Error("give at least one evidence path");
            if (string.IsNullOrWhiteSpace(Output)) return ValidationResult.Error("-o FILE is required");
            if (MaxKeys <= 0) return ValidationResult.Error("--max-keys must be positive");
            return ValidationResult.Success();
        }
    }

    internal sealed class Learn : Command<LearnSettings>
    {
        public override int Execute(CommandContext context, LearnSettings settings, CancellationToken cancellationToken)
        {
            var learner = new BaselineLearner(settings.MaxKeys);
            var summary = Scan(settings.Paths, settings.Threads, settings.Quiet, learner.Observe);
            var baseline = learner.Build();
            // Write beside the target and rename, so a failed run never leaves a truncated baseline.
            var temp = settings.Output + ".tmp";
            using (var output = File.Create(temp)) BaselineJson.Write(output, baseline);
            File.Move(temp, settings.Output, overwrite: true);
            foreach (var kind in BehaviourKinds.All)
            {
                var c = baseline[kind];
                Console.Error.WriteLine($"{BehaviourKinds.JsonName(kind),-14} {c.Entries.Count,7:N0} keys from {c.Observations,10:N0} {BehaviourKinds.Unit(kind)}" +
                                        (c.DroppedKeys > 0 ? $" ({c.DroppedKeys:N0} rare keys over the cap dropped)" : ""));
            }
            Console.Error.WriteLine($"baseline of {baseline.Hosts.Count:N0} hosts written to {settings.Output}");
            return ExitCodes.For(summary);
        }
    }

    internal sealed class CheckSettings : EvidenceSettings
    {
        [CommandOption("-b|--baseline <FILE>")]
        [Description("Baseline learned with `baseline learn`")]
        public string Baseline { get; init; } = "";

        [CommandOption("--allowlist <FILE>")]
        [Description("Allowlist YAML (repeatable; ~/.config/huntsman/allowlist.yml is read too when present): matching anomalies are suppressed and counted")]
        public string[] Allowlists { get; init; } = [];

        [CommandOption("--show-suppressed")]
        [Description("Also list the anomalies the allowlist suppressed")]
        public bool ShowSuppressed { get; init; }

        [CommandOption("--min-score <N>")]
        [Description("Only show anomalies scoring at least N (0-100)")]
        public int MinScore { get; init; }

        [CommandOption("--format <FORMAT>")]
        [Description("table or json")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        public override ValidationResult Validate()
        {
            if (Paths.Length == 0) return ValidationResult.Error("give at least one evidence path");
            if (string.IsNullOrWhiteSpace(Baseline)) return ValidationResult.Error("--baseline FILE is required");
            if (Format is not ("table" or "json")) return ValidationResult.Error("--format must be table or json");
            return ValidationResult.Success();
        }
    }

    internal sealed class Check : Command<CheckSettings>
    {
        public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
        {
            BehaviourBaseline baseline;
            try { baseline = BehaviourBaseline.Load(settings.Baseline); }
            catch (BaselineFormatException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            SuppressionLedger ledger;
            try { ledger = new SuppressionLedger(AllowlistSet.Load(settings.Allowlists, DateOnly.FromDateTime(DateTime.UtcNow))); }
            catch (AllowlistLoadException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Usage;
            }
            var finder = new AnomalyFinder(baseline);
            var summary = Scan(settings.Paths, settings.Threads, settings.Quiet, finder.Observe);
            var found = finder.Finish().Where(a => a.Score >= settings.MinScore).ToList();
            var anomalies = found.Where(a => !ledger.Suppresses(AllowlistSubject.ForAnomaly(a))).ToList();
            foreach (var usage in ledger.Usage().Where(u => u.Suppressed > 0))
                Console.Error.WriteLine($"{usage.Suppressed:N0} anomalies suppressed by allowlist entry '{usage.Entry.Id}': {usage.Entry.Reason}");
            foreach (var warning in ledger.Warnings()) Console.Error.WriteLine($"warning: {warning}");
            if (settings.ShowSuppressed)
                foreach (var s in ledger.Suppressed)
                    Console.Error.WriteLine($"suppressed ({s.Entry.Id}): {((Anomaly)s.Subject.Item).Host}: {((Anomaly)s.Subject.Item).Explanation}");
            if (settings.Format == "json")
            {
                using var stdout = Console.OpenStandardOutput();
                AnomalyJsonWriter.WriteArray(stdout, anomalies);
                return ExitCodes.For(summary);
            }
            var table = new Table().Border(TableBorder.Simple);
            table.AddColumns("first", "host", "category");
            table.AddColumn(new TableColumn("score").RightAligned());
            table.AddColumn(new TableColumn("times").RightAligned());
            table.AddColumn("explanation");
            foreach (var a in anomalies)
                table.AddRow(a.First.ToString("u"), TerminalText.Escape(a.Host), BehaviourKinds.JsonName(a.Category), a.Score.ToString(), a.Occurrences.ToString("N0"), TerminalText.Escape(a.Explanation));
            AnsiConsole.Write(table);
            Console.Error.WriteLine($"{anomalies.Count:N0} anomalies{(ledger.SuppressedCount > 0 ? $" ({ledger.SuppressedCount:N0} more suppressed by the allowlist)" : "")}" +
                                    $"{(finder.Overflow > 0 ? $" ({finder.Overflow:N0} more over the cap)" : "")}");
            return ExitCodes.For(summary);
        }
    }

    /// <summary>Reads the evidence with the shared runner (progress, issues, summary on stderr) and feeds every event, in order, to one observer.</summary>
    private static RunSummary Scan(string[] paths, int threads, bool quiet, Action<WinEvent> observe) =>
        EvidenceRunner.Run(paths, new ReaderOptions { Threads = threads }, CliConsole.FromEnvironment(), quiet, batch => batch, batch =>
        {
            foreach (var e in batch.Events) observe(e);
        });
}
