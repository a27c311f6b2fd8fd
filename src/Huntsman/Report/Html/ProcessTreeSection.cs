using System.Globalization;
using Huntsman.Hunt;

namespace Huntsman.Report.Html;

/// <summary>
/// Process trees around high and critical detections, as nested lists. Without trees from the
/// lineage engine, each such detection's ancestry chain is drawn (root first, flagged process last).
/// </summary>
internal static class ProcessTreeSection
{
    private const int MaxTrees = 200, MaxDepth = 64, MaxChildren = 200;

    public static void Write(TextWriter w, ReportModel model)
    {
        var trees = model.ProcessTrees.Count > 0 ? model.ProcessTrees : FromAncestry(model.Detections);
        w.Write("<section id=\"trees\"><h2>Process trees of high and critical detections</h2>");
        if (trees.Count == 0)
        {
            w.Write("<p class=\"muted\">No high or critical detection with process ancestry.</p></section>\n");
            return;
        }
        if (trees.Count > MaxTrees) w.Write($"<p class=\"muted\">Showing {MaxTrees} of {trees.Count} trees.</p>");
        foreach (var tree in trees.Take(MaxTrees))
        {
            w.Write($"<h3><span class=\"lvl lvl-{HtmlReportWriter.Level(tree.Level)}\">{HtmlText.Escape(tree.Level)}</span> ");
            w.Write($"{HtmlText.Escape(tree.Title)} <span class=\"muted\">on {HtmlText.Escape(tree.Host)}</span></h3><div class=\"tree\"><ul>");
            WriteNode(w, tree.Root, 0);
            w.Write("</ul></div>\n");
        }
        w.Write("</section>\n");
    }

    private static void WriteNode(TextWriter w, ProcessTreeNode node, int depth)
    {
        w.Write(node.Flagged ? "<li class=\"flagged\">" : "<li>");
        w.Write($"<span class=\"proc\" title=\"{HtmlText.Escape(node.Image)}\">{HtmlText.Escape(HtmlReportWriter.FileName(node.Image))}</span>");
        if (node.ProcessId is { } pid) w.Write($" <span class=\"muted\">pid {pid.ToString(CultureInfo.InvariantCulture)}</span>");
        if (!string.IsNullOrEmpty(node.User)) w.Write($" <span class=\"muted\">{HtmlText.Escape(node.User)}</span>");
        if (node.Time is { } time) w.Write($" <span class=\"muted\">{HtmlReportWriter.Time(time)}</span>");
        if (!string.IsNullOrEmpty(node.CommandLine)) w.Write($"<br><code>{HtmlText.Escape(HtmlReportWriter.Cut(node.CommandLine))}</code>");
        if (node.Children.Count > 0)
        {
            if (depth >= MaxDepth) w.Write("<br><span class=\"muted\">… deeper levels not shown</span>");
            else
            {
                w.Write("<ul>");
                foreach (var child in node.Children.Take(MaxChildren)) WriteNode(w, child, depth + 1);
                if (node.Children.Count > MaxChildren) w.Write($"<li class=\"muted\">… {node.Children.Count - MaxChildren} more</li>");
                w.Write("</ul>");
            }
        }
        w.Write("</li>");
    }

    private static List<ProcessTree> FromAncestry(IReadOnlyList<Detection> detections)
    {
        var trees = new List<ProcessTree>();
        foreach (var d in detections)
        {
            if (Levels.Rank(d.Level) < Levels.Rank("high") || d.Ancestry.Count == 0) continue;
            ProcessTreeNode? node = null;
            // Ancestry is nearest first: build from the acting process up to the root.
            for (int i = 0; i < d.Ancestry.Count && i < MaxDepth; i++)
            {
                var step = d.Ancestry[i];
                node = new ProcessTreeNode(step.Image, step.CommandLine, step.ProcessId, step.User, step.Time)
                {
                    Flagged = i == 0,
                    Children = node is null ? [] : [node],
                };
            }
            trees.Add(new ProcessTree(d.Computer, d.RuleTitle, d.Level, node!));
        }
        return trees;
    }
}
