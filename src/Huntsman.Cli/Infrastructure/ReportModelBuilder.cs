using System.Reflection;
using Huntsman.Hunt;
using Huntsman.Lateral;
using Huntsman.Lineage;
using Huntsman.Noise.Coverage;
using Huntsman.Report.Html;

namespace Huntsman.Cli.Infrastructure;

/// <summary>Turns a hunt session into the HTML report's model.</summary>
internal static class ReportModelBuilder
{
    private const int MaxTrees = 40;
    private const int MaxTreeNodes = 200;
    private const int MaxAncestors = 6;

    public static ReportModel Build(HuntSession session, IReadOnlyList<string> inputs, string title)
    {
        var hosts = HostTelemetry.From(session.Coverage);
        var seen = session.Coverage.Hosts.Where(h => h.Events > 0).ToList();
        return new ReportModel
        {
            Title = title,
            Summary = new Report.Html.RunSummary
            {
                Inputs = inputs, Files = session.Summary.FilesRead, Events = session.Summary.Events,
                Errors = session.Summary.Errors + session.Summary.Warnings, Rules = session.Engine.SelectedRules.Count,
                FirstEvent = seen.Count > 0 ? seen.Min(h => h.First) : null, LastEvent = seen.Count > 0 ? seen.Max(h => h.Last) : null, Hosts = [.. hosts.Select(h => h.Host)],
                GeneratedUtc = DateTime.UtcNow, Duration = session.Summary.Elapsed,
                Version = typeof(ReportModelBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "",
            },
            Detections = session.Detections,
            LateralMovements = session.Findings.Select(ToModel).ToList(),
            ProcessTrees = Trees(session),
            Hosts = hosts,
            BlindSpots = BlindSpots(session.Coverage),
            Suppressed = [
                .. session.Noise.Ledger?.Suppressed
                    .Select(s => new SuppressedItem(s.Entry.Id, s.Entry.Reason, s.Subject.Kind, NoiseSummaryPrinter.Describe(s.Subject.Item))) ?? [],
                .. session.SuppressedFindings
                    .Select(f => new SuppressedItem(f.SuppressedBy ?? "", f.SuppressionReason ?? "", f.Kind, NoiseSummaryPrinter.Describe(f))),
            ],
        };
    }

    private static List<string> BlindSpots(CoverageReport coverage)
    {
        var spots = new List<string>();
        foreach (var host in coverage.Hosts)
        {
            foreach (var clear in host.Clears)
                spots.Add($"{host.Host}: log {clear.ClearedLog} cleared at {clear.Time:u} by {clear.User ?? "?"} ({clear.Channel} {clear.EventId}, record {clear.RecordId})");
            foreach (var missing in host.Missing)
                spots.Add($"{host.Host}: no {missing.FeedList} — {missing.Name.ToLowerInvariant()} invisible ({missing.Blind}); {missing.Advice}");
        }
        if (coverage.RulesBlind > 0) spots.Add($"{coverage.RulesBlind:N0} of {coverage.RulesLoaded:N0} rules can never fire on this evidence:");
        spots.AddRange(coverage.RuleBlindSpots.Select(s => "  " + s));
        return spots;
    }

    private static LateralMovementFinding ToModel(LateralFinding f) => new()
    {
        Kind = f.Kind, Tool = f.Tool, SourceHost = f.SourceHost ?? f.SourceIp, TargetHost = f.TargetHost ?? "?", Account = f.Account,
        Time = f.Start, Confidence = f.Confidence, Reasons = f.Reasons, Techniques = f.Attack,
        Commands = LateralAllowlist.Flatten(f.Commands).Select(c => c.CommandLine ?? c.Image).ToList(),
    };

    /// <summary>One tree per process flagged by a high or critical detection, rooted a few generations up.</summary>
    private static List<ProcessTree> Trees(HuntSession session)
    {
        var flagged = new Dictionary<ProcessNode, List<Detection>>();
        foreach (var d in session.Detections)
        {
            if (Levels.Rank(d.Level) < Levels.Rank("high") || d.Event is null) continue;
            if (session.Forest.FindForEvent(d.Event) is not { } node) continue;
            if (!flagged.TryGetValue(node, out var list)) flagged[node] = list = new();
            list.Add(d);
        }
        var trees = new List<ProcessTree>();
        var rendered = new HashSet<ProcessNode>();
        foreach (var (node, detections) in flagged.OrderBy(kv => kv.Value[0].Timestamp))
        {
            if (trees.Count >= MaxTrees) break;
            var root = node;
            for (int i = 0; i < MaxAncestors && root.Parent is { } p; i++) root = p;
            if (!rendered.Add(root)) continue;
            int budget = MaxTreeNodes;
            var title = string.Join("; ", detections.Select(d => d.RuleTitle).Distinct());
            var level = detections.MaxBy(d => Levels.Rank(d.Level))!.Level;
            trees.Add(new ProcessTree(node.Host, title, level, Convert(root, flagged, ref budget)));
        }
        return trees;
    }

    private static ProcessTreeNode Convert(ProcessNode node, Dictionary<ProcessNode, List<Detection>> flagged, ref int budget)
    {
        budget--;
        var children = new List<ProcessTreeNode>();
        foreach (var child in node.Children.OrderBy(c => c.SortTime))
        {
            if (budget <= 0) break;
            children.Add(Convert(child, flagged, ref budget));
        }
        return new ProcessTreeNode(node.Image, node.CommandLine, node.ProcessId, node.User, node.Start)
        {
            Flagged = flagged.ContainsKey(node), Children = children,
        };
    }
}
