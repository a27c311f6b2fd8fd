using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Noise.Baseline;

namespace Huntsman.Cli.Infrastructure;

/// <summary>What the allowlist suppressed (always counted, listed on request), baseline anomalies and blind spots.</summary>
internal static class NoiseSummaryPrinter
{
    public static void Print(CliConsole console, HuntSession session, bool showSuppressed)
    {
        var error = console.Error;
        if (session.SuppressedFindings.Count > 0)
        {
            error.WriteLine($"lateral allowlist: {session.SuppressedFindings.Count:N0} findings suppressed{(showSuppressed ? "" : " (--show-suppressed lists them)")}");
            if (showSuppressed)
                foreach (var f in session.SuppressedFindings) error.WriteLine($"suppressed by {f.SuppressedBy}: {Describe(f)} ({f.SuppressionReason})");
        }
        if (session.Engine.Stats.SuppressedBaseDetections > 0)
            error.WriteLine($"correlations: {session.Engine.Stats.SuppressedBaseDetections:N0} detections of base rules not shown (their correlations have generate: false)");
        if (session.Noise.Ledger is { } ledger)
        {
            foreach (var usage in ledger.Usage().Where(u => u.Suppressed > 0))
                error.WriteLine($"allowlist: entry '{usage.Entry.Id}' suppressed {usage.Suppressed:N0} ({usage.Entry.Reason})");
            // Expired entries and entries that matched nothing (stale allowlist hygiene).
            foreach (var warning in ledger.Warnings()) error.WriteLine($"warning: {warning}");
            error.WriteLine($"allowlist: {ledger.SuppressedCount:N0} items suppressed in all{(showSuppressed ? "" : " (--show-suppressed lists them)")}");
            if (showSuppressed)
                foreach (var s in ledger.Suppressed)
                    error.WriteLine($"suppressed by {s.Entry.Id}: {Describe(s.Subject.Item)}");
        }
        if (session.Noise.Baseline is not null)
        {
            error.WriteLine($"baseline: {session.Detections.Count(d => d.Baseline == "seen"):N0} detections seen before, " +
                            $"{session.Detections.Count(d => d.Baseline == "unseen"):N0} unseen; {session.Anomalies.Count:N0} anomalies");
            foreach (var a in session.Anomalies.OrderByDescending(a => a.Score).Take(10))
                error.WriteLine($"  anomaly {a.Score,3} {a.Host}: {a.Explanation}");
        }
        var coverage = session.Coverage;
        if (coverage.RulesBlind > 0)
            error.WriteLine($"coverage: {coverage.RulesBlind:N0} of {coverage.RulesLoaded:N0} rules can never fire on this evidence (missing telemetry; `huntsman coverage` explains)");
    }

    internal static string Describe(object item) => item switch
    {
        Detection d => $"{d.Timestamp:u} {d.Computer} {d.RuleTitle} (record {d.RecordId})",
        LateralFinding f => $"{f.Start:u} {f.Tool} {f.SourceHost ?? f.SourceIp} -> {f.TargetHost}",
        Anomaly a => $"{a.First:u} {a.Host}: {a.Explanation}",
        _ => item.ToString() ?? "",
    };
}
