using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Lineage;
using Huntsman.Noise.Baseline;
using Huntsman.Noise.Coverage;
using Huntsman.Report.Html;
using Huntsman.Sigma;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// One hunt over evidence, shared by `hunt` and `report`: rules on all cores, then process trees,
/// ancestry on every detection, lateral-movement findings and per-host coverage.
/// </summary>
internal sealed class HuntSession
{
    public required RuleSet Rules { get; init; }
    public required HuntEngine Engine { get; init; }
    public required RunSummary Summary { get; init; }
    public required List<Detection> Detections { get; init; }
    /// <summary>Findings not suppressed by the lateral allowlist.</summary>
    public required List<LateralFinding> Findings { get; init; }
    public required List<LateralFinding> SuppressedFindings { get; init; }
    public required ProcessForest Forest { get; init; }
    public required NoiseControls Noise { get; init; }
    public required List<Anomaly> Anomalies { get; init; }
    public required CoverageReport Coverage { get; init; }

    public static HuntSession Run(IReadOnlyList<string> paths, HuntOptions options, LateralAllowlist? lateralAllowlist,
        NoiseControls noise, CliConsole console, bool quiet, CancellationToken cancel, bool printReadSummary = true)
    {
        var rules = RuleLoader.Load(options.RulePaths, options.RuleLoad with { IncludeBuiltin = options.IncludeBuiltinRules });
        var engine = new HuntEngine(rules, options);
        var trees = new ProcessTreeBuilder();
        var lateral = new LateralMovementDetector(lateralAllowlist, sharesTree: true);
        engine.AddObserver(trees.Observe);
        engine.AddObserver(lateral.Observe);
        var coverage = new CoverageCollector();
        engine.AddObserver(coverage.Observe);
        if (noise.Anomalies is { } anomalies) engine.AddObserver(anomalies.Observe);

        var summary = EvidenceRunner.Run(paths, options.Reader, console, quiet, engine.Match, engine.Consume, cancel, printReadSummary);
        var detections = engine.Finish();
        var forest = trees.Build();
        foreach (var d in detections)
            if (d.Event is { } e) d.Ancestry = forest.AncestryOf(e);
        var findings = lateral.Finish(forest);
        return new HuntSession
        {
            Rules = rules, Engine = engine, Summary = summary, Detections = noise.Apply(detections), Forest = forest,
            Findings = noise.Apply(findings.Where(f => !f.Suppressed).ToList()), SuppressedFindings = findings.Where(f => f.Suppressed).ToList(),
            Noise = noise, Anomalies = noise.FinishAnomalies(), Coverage = coverage.Finish(RuleBlindness.For(engine.SelectedRules)),
        };
    }
}
