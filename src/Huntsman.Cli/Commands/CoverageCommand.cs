using System.ComponentModel;
using Huntsman.Cli.Infrastructure;
using Huntsman.Events;
using Huntsman.Noise.Coverage;
using Huntsman.Readers;
using Huntsman.Sigma;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Huntsman.Cli.Commands;

internal sealed class CoverageCommand : Command<CoverageCommand.Settings>
{
    public sealed class Settings : EvidenceSettings
    {
        [CommandOption("--format <FORMAT>")]
        [Description("table or json")]
        [DefaultValue("table")]
        public string Format { get; init; } = "table";

        [CommandOption("--rules <DIR>")]
        [Description("Sigma rule files or folders (repeatable): report which loaded rules can never fire on this evidence")]
        public string[] Rules { get; init; } = [];

        [CommandOption("--time-gap-hours <HOURS>")]
        [Description("Consecutive records further apart than this are reported as a time gap")]
        [DefaultValue(24.0)]
        public double TimeGapHours { get; init; } = 24;

        public override ValidationResult Validate()
        {
            if (Paths.Length == 0) return ValidationResult.Error("give at least one evidence path");
            if (Format is not ("table" or "json")) return ValidationResult.Error("--format must be table or json");
            if (TimeGapHours <= 0) return ValidationResult.Error("--time-gap-hours must be positive");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var collector = new CoverageCollector(new CoverageOptions { TimeGapThreshold = TimeSpan.FromHours(settings.TimeGapHours) });
        var summary = Scan(settings.Paths, settings.Threads, settings.Quiet, collector.Observe);
        RuleBlindness? rules = null;
        if (settings.Rules.Length > 0)
        {
            var set = RuleLoader.Load(settings.Rules);
            int skipped = set.Skipped.Count();
            if (!settings.Quiet) Console.Error.WriteLine($"{set.Rules.Count:N0} rules loaded{(skipped > 0 ? $", {skipped:N0} skipped (see `huntsman rules check`)" : "")}");
            rules = RuleBlindness.For(set.Rules);
        }
        var report = collector.Finish(rules);
        if (settings.Format == "json")
        {
            using (var stdout = Console.OpenStandardOutput()) CoverageJsonWriter.WriteDocument(stdout, report);
            Console.WriteLine();
            return ExitCodes.For(summary);
        }
        foreach (var host in report.Hosts) WriteHost(host);
        WriteSummary(report);
        return ExitCodes.For(summary);
    }

    private static void WriteHost(HostCoverage host)
    {
        AnsiConsole.Write(new Rule($"[bold]{TerminalText.Escape(host.Host)}[/]  {host.Events:N0} events, {host.First:u} … {host.Last:u}").LeftJustified());
        var ids = new Table().Border(TableBorder.Simple);
        ids.AddColumns("channel", "event id", "sysmon type");
        ids.AddColumn(new TableColumn("count").RightAligned());
        ids.AddColumns("first", "last");
        foreach (var e in host.EventIds)
            ids.AddRow(TerminalText.Escape(e.Channel), e.EventId.ToString(), TerminalText.Escape(e.SysmonType ?? ""), e.Count.ToString("N0"), e.First.ToString("u"), e.Last.ToString("u"));
        AnsiConsole.Write(ids);

        var continuity = new Table().Border(TableBorder.Simple);
        continuity.AddColumns("channel", "records", "missing", "record gaps", "time gaps", "largest gap");
        foreach (var c in host.Channels)
        {
            var largest = c.Gaps.MaxBy(g => g.Missing);
            continuity.AddRow(TerminalText.Escape(c.Channel), $"{c.FirstRecordId}–{c.LastRecordId}", c.MissingRecords.ToString("N0"),
                c.GapCount.ToString("N0") + (c.TooFragmented ? " (too fragmented)" : ""), c.TimeGapCount.ToString("N0"),
                largest is null ? "" : $"{largest.Missing:N0} after #{largest.AfterRecordId} ({largest.LastTimeBefore:u} … {largest.FirstTimeAfter:u})");
        }
        AnsiConsole.Write(continuity);
        foreach (var clear in host.Clears)
            AnsiConsole.MarkupLineInterpolated($"[red]log cleared:[/] {clear.ClearedLog} at {clear.Time:u} by {clear.User ?? "?"} ({clear.Channel} {clear.EventId}, record {clear.RecordId})");
        foreach (var missing in host.Missing)
            AnsiConsole.MarkupLineInterpolated($"[yellow]no {missing.FeedList}[/]: {missing.Name.ToLowerInvariant()} invisible ({missing.Blind}) — {missing.Advice}");
        AnsiConsole.WriteLine();
    }

    private static void WriteSummary(CoverageReport report)
    {
        AnsiConsole.Write(new Rule($"[bold]All {report.Hosts.Count:N0} hosts[/]  {report.Events:N0} events").LeftJustified());
        foreach (var missing in report.MissingEverywhere)
            AnsiConsole.MarkupLineInterpolated($"[yellow]no host has {missing.FeedList}[/]: {missing.Name.ToLowerInvariant()} invisible everywhere — {missing.Advice}");
        if (report.RulesLoaded > 0)
        {
            AnsiConsole.MarkupLineInterpolated($"{report.RulesBlind:N0} of {report.RulesLoaded:N0} rules can never fire on this evidence:");
            foreach (var spot in report.RuleBlindSpots) AnsiConsole.MarkupLineInterpolated($"  {spot.ToString()}");
        }
    }

    /// <summary>Reads the evidence with the shared runner (progress, issues, summary on stderr) and feeds every event, in order, to one observer.</summary>
    private static RunSummary Scan(string[] paths, int threads, bool quiet, Action<WinEvent> observe) =>
        EvidenceRunner.Run(paths, new ReaderOptions { Threads = threads }, CliConsole.FromEnvironment(), quiet, batch => batch, batch =>
        {
            foreach (var e in batch.Events) observe(e);
        });
}
