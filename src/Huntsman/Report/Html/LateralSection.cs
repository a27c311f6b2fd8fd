using System.Globalization;

namespace Huntsman.Report.Html;

/// <summary>
/// Lateral movement: hosts as nodes on a circle (sorted by name, so the layout is deterministic),
/// movements as arrows labelled with tool and count, then a table of every finding.
/// </summary>
internal static class LateralSection
{
    private const int Size = 640, Center = Size / 2, NodeRadius = 14;
    private const string UnknownSource = "(unknown source)";

    public static void Write(TextWriter w, IReadOnlyList<LateralMovementFinding> findings)
    {
        w.Write("<section id=\"lateral\"><h2>Lateral movement</h2>");
        if (findings.Count == 0)
        {
            w.Write("<p class=\"muted\">No lateral movement found.</p></section>\n");
            return;
        }
        WriteGraph(w, findings);
        w.Write("<input class=\"filter\" type=\"search\" placeholder=\"Filter movements…\" data-filter=\"movements\">");
        w.Write("<table id=\"movements\" class=\"sortable\"><thead><tr><th>Time (UTC)</th><th>Kind</th><th>Tool</th><th>Source</th><th>Target</th>" +
                "<th>Account</th><th>Confidence</th><th>Reasons</th><th>Commands</th></tr></thead><tbody>\n");
        foreach (var f in findings.OrderBy(f => f.Time).ThenBy(f => f.TargetHost, StringComparer.Ordinal))
        {
            w.Write($"<tr><td class=\"mono time\">{HtmlReportWriter.Time(f.Time)}</td><td>{HtmlText.Escape(f.Kind)}</td><td>{HtmlText.Escape(f.Tool)}</td>");
            w.Write($"<td>{HtmlText.Escape(f.SourceHost ?? UnknownSource)}</td><td>{HtmlText.Escape(f.TargetHost)}</td><td>{HtmlText.Escape(f.Account)}</td>");
            w.Write($"<td data-num=\"{ConfidenceRank(f.Confidence)}\">{HtmlText.Escape(f.Confidence)}</td><td>");
            foreach (var r in f.Reasons.Take(20)) w.Write($"{HtmlText.Escape(HtmlReportWriter.Cut(r))}<br>");
            w.Write("</td><td>");
            foreach (var c in f.Commands.Take(20)) w.Write($"<code>{HtmlText.Escape(HtmlReportWriter.Cut(c))}</code><br>");
            w.Write("</td></tr>\n");
        }
        w.Write("</tbody></table></section>\n");
    }

    private static void WriteGraph(TextWriter w, IReadOnlyList<LateralMovementFinding> findings)
    {
        var hosts = findings.SelectMany(f => new[] { f.SourceHost ?? UnknownSource, f.TargetHost })
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < hosts.Count; i++) index[hosts[i]] = i;
        double ring = hosts.Count == 1 ? 0 : Size / 2.0 - 90;
        var points = hosts.Select((_, i) =>
        {
            double angle = -Math.PI / 2 + 2 * Math.PI * i / hosts.Count;
            return (X: Center + ring * Math.Cos(angle), Y: Center + ring * Math.Sin(angle));
        }).ToList();

        var edges = findings
            .GroupBy(f => (From: index[f.SourceHost ?? UnknownSource], To: index[f.TargetHost]))
            .OrderBy(g => g.Key.From).ThenBy(g => g.Key.To)
            .Select(g => (g.Key.From, g.Key.To, Label: string.Join(", ", g.Select(f => f.Tool).Where(t => t.Length > 0)
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase)) + $" ×{g.Count()}"))
            .ToList();

        w.Write($"<svg viewBox=\"0 0 {Size} {Size}\" width=\"{Size}\" height=\"{Size}\" role=\"img\" aria-label=\"Lateral movement graph\">");
        w.Write("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">" +
                "<path class=\"arrow\" d=\"M0,0 L10,5 L0,10 z\"/></marker></defs>");
        foreach (var (from, to, label) in edges)
        {
            var (x1, y1) = points[from];
            var (x2, y2) = points[to];
            string labelX, labelY;
            if (from == to)
            {
                // A movement onto itself (local escalation): a loop outside the circle.
                double dx = x1 - Center, dy = y1 - Center, len = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
                double lx = x1 + dx / len * 34, ly = y1 + (hosts.Count == 1 ? -34 : dy / len * 34);
                w.Write($"<circle class=\"edge\" cx=\"{F(lx)}\" cy=\"{F(ly)}\" r=\"20\"/>");
                labelX = F(lx); labelY = F(ly - 24);
            }
            else
            {
                double dx = x2 - x1, dy = y2 - y1, len = Math.Max(1, Math.Sqrt(dx * dx + dy * dy));
                double ux = dx / len, uy = dy / len;
                // Bend each direction to its own side so A→B and B→A do not overlap.
                double mx = (x1 + x2) / 2 - uy * 18, my = (y1 + y2) / 2 + ux * 18;
                w.Write($"<path class=\"edge\" marker-end=\"url(#arrow)\" d=\"M{F(x1 + ux * NodeRadius)},{F(y1 + uy * NodeRadius)} " +
                        $"Q{F(mx)},{F(my)} {F(x2 - ux * (NodeRadius + 2))},{F(y2 - uy * (NodeRadius + 2))}\"/>");
                labelX = F(mx); labelY = F(my - 4);
            }
            w.Write($"<text class=\"edge-label\" x=\"{labelX}\" y=\"{labelY}\" text-anchor=\"middle\">{HtmlText.Escape(HtmlReportWriter.Cut(label))}</text>");
        }
        for (int i = 0; i < hosts.Count; i++)
        {
            var (x, y) = points[i];
            var looksLikeAddress = hosts[i] == UnknownSource || System.Net.IPAddress.TryParse(hosts[i], out _);
            w.Write($"<circle class=\"node{(looksLikeAddress ? " node-ip" : "")}\" cx=\"{F(x)}\" cy=\"{F(y)}\" r=\"{NodeRadius}\"><title>{HtmlText.Escape(hosts[i])}</title></circle>");
            w.Write($"<text class=\"node-label\" x=\"{F(x)}\" y=\"{F(y + NodeRadius + 14)}\" text-anchor=\"middle\">{HtmlText.Escape(HtmlReportWriter.Cut(hosts[i]))}</text>");
        }
        w.Write("</svg>\n");
    }

    private static int ConfidenceRank(string? confidence) => confidence?.ToLowerInvariant() switch
    {
        "high" => 3,
        "medium" => 2,
        "low" => 1,
        _ => 0,
    };

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
