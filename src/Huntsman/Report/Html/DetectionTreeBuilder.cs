using Huntsman.Hunt;
using Huntsman.Lineage;

namespace Huntsman.Report.Html;

/// <summary>
/// Process trees for the report: for each process that high or critical detections fired on, the chain
/// from its root ancestor down to it (flagged), plus what it started in turn. One tree per process,
/// titled with every rule that fired on it.
/// </summary>
public static class DetectionTreeBuilder
{
    private const int MaxAncestors = 32, MaxDescendantDepth = 8, MaxChildren = 50;

    public static IReadOnlyList<ProcessTree> Build(ProcessForest forest, IEnumerable<Detection> detections, int maxTrees = 200)
    {
        var byProcess = new Dictionary<ProcessNode, List<Detection>>(ReferenceEqualityComparer.Instance);
        var order = new List<ProcessNode>();
        foreach (var d in detections)
        {
            if (Levels.Rank(d.Level) < Levels.Rank("high") || d.Event is null) continue;
            if (forest.FindForEvent(d.Event) is not { } node) continue;
            if (!byProcess.TryGetValue(node, out var list))
            {
                if (order.Count == maxTrees) continue;
                byProcess[node] = list = [];
                order.Add(node);
            }
            list.Add(d);
        }
        var trees = new List<ProcessTree>(order.Count);
        foreach (var node in order)
        {
            var hits = byProcess[node];
            var title = string.Join("; ", hits.Select(h => h.RuleTitle).Distinct(StringComparer.Ordinal));
            var level = hits.MaxBy(h => Levels.Rank(h.Level))!.Level;
            trees.Add(new ProcessTree(node.Host, title, level, Chain(node)));
        }
        return trees;
    }

    /// <summary>Root ancestor → … → the flagged process with its descendants.</summary>
    private static ProcessTreeNode Chain(ProcessNode flagged)
    {
        var seen = new HashSet<ProcessNode>(ReferenceEqualityComparer.Instance);
        var tree = Subtree(flagged, 0, seen) with { Flagged = true };
        for (var parent = flagged.Parent; parent is not null && seen.Add(parent) && seen.Count <= MaxAncestors; parent = parent.Parent)
            tree = Node(parent) with { Children = [tree] };
        return tree;
    }

    /// <summary>Each process at most once, so damaged lineage with a cycle cannot repeat or recurse forever.</summary>
    private static ProcessTreeNode Subtree(ProcessNode node, int depth, HashSet<ProcessNode> seen)
    {
        seen.Add(node);
        var children = new List<ProcessTreeNode>();
        if (depth < MaxDescendantDepth)
            foreach (var child in node.Children)
                if (children.Count < MaxChildren && !seen.Contains(child)) children.Add(Subtree(child, depth + 1, seen));
        return Node(node) with { Children = children };
    }

    private static ProcessTreeNode Node(ProcessNode n) => new(n.Image, n.CommandLine, n.ProcessId, n.User, n.Start);
}
