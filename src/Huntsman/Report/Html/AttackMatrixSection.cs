using Huntsman.Attack;
using Huntsman.Report.Navigator;

namespace Huntsman.Report.Html;

/// <summary>
/// The ATT&amp;CK matrix of what fired: one column per tactic in matrix order, a cell per fired technique
/// in each of its tactics, coloured by detection count. IDs the table does not know are listed apart.
/// </summary>
internal static class AttackMatrixSection
{
    public static void Write(TextWriter w, ReportModel model, AttackCatalog catalog)
    {
        var fired = FiredTechniques.From(model.Detections, catalog).ToList();
        foreach (var finding in model.LateralMovements)
            foreach (var id in finding.Techniques)
                fired.Add((id, 1, [finding.Tool]));
        var merged = fired
            .GroupBy(f => catalog.Current(f.TechniqueId.Trim())?.Id ?? f.TechniqueId.Trim().ToUpperInvariant(), StringComparer.OrdinalIgnoreCase)
            .Select(g => (Id: g.Key, Count: g.Sum(x => x.Count), Rules: g.SelectMany(x => x.Rules).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()))
            .ToList();

        w.Write("<section id=\"attack\"><h2>ATT&amp;CK techniques that fired</h2>");
        if (merged.Count == 0)
        {
            w.Write("<p class=\"muted\">No ATT&amp;CK technique fired.</p></section>\n");
            return;
        }
        var max = merged.Max(m => m.Count);
        var known = merged.Where(m => catalog.TryGetTechnique(m.Id, out _)).ToList();
        w.Write("<div class=\"matrix\">");
        foreach (var tactic in catalog.Tactics)
        {
            w.Write($"<div><div class=\"tactic\">{HtmlText.Escape(tactic.Name)}</div>");
            var cells = known.Select(m => (m, Technique: Technique(catalog, m.Id)))
                .Where(x => x.Technique.Tactics.Contains(tactic))
                .OrderByDescending(x => x.m.Count).ThenBy(x => x.m.Id, StringComparer.Ordinal).ToList();
            foreach (var (m, technique) in cells)
            {
                var name = technique.IsSubtechnique && catalog.TryGetTechnique(technique.ParentId, out var parent)
                    ? $"{parent.Name}: {technique.Name}" : technique.Name;
                w.Write($"<div class=\"tech heat{Heat(m.Count, max)}\" title=\"{HtmlText.Escape(string.Join("\n", m.Rules))}\">");
                w.Write($"<b>{HtmlText.Escape(technique.Id)} ×{m.Count}</b>{HtmlText.Escape(name)}</div>");
            }
            if (cells.Count == 0) w.Write("<div class=\"none\">—</div>");
            w.Write("</div>");
        }
        w.Write("</div>");
        var unknown = merged.Where(m => !catalog.TryGetTechnique(m.Id, out _)).OrderBy(m => m.Id, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            w.Write($"<p>Not in {HtmlText.Escape(catalog.Version)}: ");
            w.Write(string.Join(", ", unknown.Select(u => $"<code>{HtmlText.Escape(u.Id)}</code> ×{u.Count}")));
            w.Write("</p>");
        }
        w.Write("</section>\n");
    }

    private static AttackTechnique Technique(AttackCatalog catalog, string id)
    {
        catalog.TryGetTechnique(id, out var technique);
        return technique;
    }

    /// <summary>1–5, on a log scale so a single noisy rule does not wash out the rest.</summary>
    private static int Heat(int count, int max) =>
        max <= 1 ? 3 : 1 + (int)Math.Round(4 * Math.Log(count) / Math.Log(max));
}
