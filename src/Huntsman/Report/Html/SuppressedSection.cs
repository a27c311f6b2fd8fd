namespace Huntsman.Report.Html;

/// <summary>Everything the allowlist suppressed, grouped by entry: suppression is never silent.</summary>
internal static class SuppressedSection
{
    private const int MaxRows = 2000;

    public static void Write(TextWriter w, IReadOnlyList<SuppressedItem> items)
    {
        w.Write("<section id=\"suppressed\"><h2>Suppressed by the allowlist</h2>");
        if (items.Count == 0)
        {
            w.Write("<p class=\"muted\">Nothing was suppressed.</p></section>\n");
            return;
        }
        w.Write("<table class=\"sortable\"><thead><tr><th>Entry</th><th>Reason</th><th>Kind</th><th>Suppressed item</th></tr></thead><tbody>\n");
        foreach (var item in items.Take(MaxRows))
            w.Write($"<tr><td>{HtmlText.Escape(item.EntryId)}</td><td>{HtmlText.Escape(item.Reason)}</td><td>{HtmlText.Escape(item.Kind)}</td><td>{HtmlText.Escape(item.What)}</td></tr>\n");
        w.Write("</tbody></table>");
        if (items.Count > MaxRows) w.Write($"<p class=\"muted\">{items.Count - MaxRows:N0} more not shown.</p>");
        w.Write("</section>\n");
    }
}
