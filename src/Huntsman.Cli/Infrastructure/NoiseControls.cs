using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Noise.Allowlist;
using Huntsman.Noise.Baseline;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// The signal-from-noise options of a hunt: allowlists (all-or-nothing load; suppressions counted per
/// entry, never silent) and a learned baseline (detections marked seen/unseen, anomalies found).
/// </summary>
internal sealed class NoiseControls
{
    public SuppressionLedger? Ledger { get; private init; }
    public BehaviourBaseline? Baseline { get; private init; }
    public AnomalyFinder? Anomalies { get; private init; }

    /// <summary>Loads the files; returns null after printing the problem (the hunt must not start half-configured).</summary>
    public static NoiseControls? Load(IReadOnlyList<string> allowlists, string? baselinePath, CliConsole console)
    {
        SuppressionLedger? ledger = null;
        BehaviourBaseline? baseline = null;
        try
        {
            var set = AllowlistSet.Load(allowlists, DateOnly.FromDateTime(DateTime.UtcNow), includeDefault: true);
            if (set.Entries.Count > 0) ledger = new SuppressionLedger(set);
        }
        catch (AllowlistLoadException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot read allowlist: {ex.Message}");
            return null;
        }
        if (baselinePath is not null)
        {
            try { baseline = BehaviourBaseline.Load(baselinePath); }
            catch (Exception ex) when (ex is BaselineFormatException or IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {ex.Message}");
                return null;
            }
        }
        return new NoiseControls { Ledger = ledger, Baseline = baseline, Anomalies = baseline is null ? null : new AnomalyFinder(baseline) };
    }

    /// <summary>Marks detections against the baseline and removes what the allowlist suppresses.</summary>
    public List<Detection> Apply(List<Detection> detections)
    {
        if (Baseline is { } baseline)
            foreach (var d in detections)
            {
                var verdict = baseline.Apply(d);
                if (verdict.Label is null) continue;
                d.Baseline = verdict.Label;
                d.BaselineNote = verdict.Explanation;
                d.Level = verdict.Level;
            }
        return Ledger is { } ledger ? detections.Where(d => !ledger.Suppresses(AllowlistSubject.ForDetection(d))).ToList() : detections;
    }

    public List<LateralFinding> Apply(List<LateralFinding> findings) =>
        Ledger is { } ledger ? findings.Where(f => !ledger.Suppresses(AllowlistSubject.ForLateral(f))).ToList() : findings;

    public List<Anomaly> FinishAnomalies()
    {
        if (Anomalies is null) return [];
        var all = Anomalies.Finish();
        return Ledger is { } ledger ? all.Where(a => !ledger.Suppresses(AllowlistSubject.ForAnomaly(a))).ToList() : all.ToList();
    }
}
