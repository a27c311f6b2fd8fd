using System.Diagnostics;
using Huntsman.Attack;
using Huntsman.Hunt;
using Huntsman.Lateral;
using Spectre.Console;

namespace Huntsman.Cli.Infrastructure;

/// <summary>The terminal summary of a hunt, on stderr.</summary>
public static class HuntSummaryPrinter
{
    public static void Print(CliConsole console, RunSummary run, HuntEngine engine, IReadOnlyList<Detection> detections, IReadOnlyList<LateralFinding> findings)
    {
        var c = console.ErrorConsole();
        if (!console.ErrorIsTerminal) c.Profile.Width = 140;
        var s = engine.Stats;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("Files", $"{run.FilesRead} read, {run.FilesSeen - run.FilesRead} skipped ({run.Bytes / 1048576.0:0.0} MB)");
        grid.AddRow("Events", $"{run.Events:N0} ({s.EventsInWindow:N0} in the time window), {run.SkippedRecords} damaged records skipped, {run.RecoveredRecords} recovered");
        grid.AddRow("Read problems", $"{run.Errors} errors, {run.Warnings} warnings");
        grid.AddRow("Rules", TerminalText.Escape($"{s.RulesSelected:N0} run of {s.RulesLoaded:N0} loaded, {s.RulesSkipped} skipped (see `huntsman rules check`), " +
                                           $"{s.RulesWithoutTelemetry} for non-Windows sources, {s.CorrelationRules} correlations, {s.FilterRules} filters"));
        if (s.RegexTimeouts > 0) grid.AddRow("Regex timeouts", s.RegexTimeouts.ToString());
        grid.AddRow("Detections", detections.Count == 0 ? "none" : string.Join(", ",
            Levels.Ordered.Reverse().Select(l => (l, n: detections.Count(d => d.Level == l))).Where(x => x.n > 0).Select(x => $"{DetectionTable.LevelMarkup(x.l)} {x.n}")));
        grid.AddRow("Lateral movement", findings.Count == 0 ? "none" : TerminalText.Escape(string.Join(", ",
            findings.GroupBy(f => $"{f.Kind} {f.Tool}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"))));
        grid.AddRow("Speed", $"{run.EventsPerSecond:N0} events/s over {run.Elapsed.TotalSeconds:0.00} s");
        grid.AddRow("Peak memory", $"{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MB");
        c.Write(new Panel(grid).Header("huntsman hunt").Border(BoxBorder.Rounded));

        if (detections.Count == 0) return;
        var tops = new Table().Border(TableBorder.Simple).AddColumn("Top rules").AddColumn("Hits").AddColumn("Top hosts").AddColumn("Hits").AddColumn("ATT&CK tactics").AddColumn("Hits");
        var rules = detections.GroupBy(d => d.RuleTitle).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToList();
        var hosts = detections.GroupBy(d => d.Computer).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToList();
        var tactics = detections.SelectMany(d => Tactics(d.Tags).Distinct()).GroupBy(t => t).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).Take(10).ToList();
        for (int i = 0; i < Math.Max(rules.Count, Math.Max(hosts.Count, tactics.Count)); i++)
        {
            string Cell(List<(string, int)> list, int k, bool name) => k < list.Count ? TerminalText.Escape(name ? list[k].Item1 : list[k].Item2.ToString()) : "";
            tops.AddRow(Cell(rules, i, true), Cell(rules, i, false), Cell(hosts, i, true), Cell(hosts, i, false), Cell(tactics, i, true), Cell(tactics, i, false));
        }
        c.Write(tops);
    }

    /// <summary>ATT&amp;CK tactic names from a rule's tags (attack.lateral-movement, attack.ta0008, v19 spellings).</summary>
    public static IEnumerable<string> Tactics(IEnumerable<string> tags)
    {
        var catalog = AttackCatalog.Default;
        foreach (var tag in tags)
            if (AttackTag.TryParse(tag, out var parsed, catalog) && parsed.Kind == AttackTagKind.Tactic && catalog.TryGetTactic(parsed.Id, out var tactic))
                yield return tactic.Name;
    }
}
