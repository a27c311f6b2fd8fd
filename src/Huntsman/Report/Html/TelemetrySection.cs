using System.Globalization;

namespace Huntsman.Report.Html;

/// <summary>Per host: which channels and event IDs are present, how many, and over what time.</summary>
internal static class TelemetrySection
{
    public static void Write(TextWriter w, ReportModel model)
    {
        w.Write("<section id=\"telemetry\"><h2>Host telemetry</h2>");
        if (model.Hosts.Count == 0)
        {
            w.Write("<p class=\"muted\">No telemetry recorded.</p></section>\n");
            return;
        }
        var detectionsByHost = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in model.Detections) detectionsByHost[d.Computer] = detectionsByHost.GetValueOrDefault(d.Computer) + 1;
        w.Write("<table class=\"sortable\"><thead><tr><th>Host</th><th class=\"num\">Events</th><th class=\"num\">Channels</th>" +
                "<th class=\"num\">Event IDs</th><th class=\"num\">Detections</th><th>First (UTC)</th><th>Last (UTC)</th></tr></thead><tbody>\n");
        foreach (var host in model.Hosts)
        {
            var channels = host.Counts.Select(c => c.Channel).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            detectionsByHost.TryGetValue(host.Host, out var detections);
            w.Write($"<tr><td>{HtmlText.Escape(host.Host)}</td>{Num(host.Events)}{Num(channels)}{Num(host.Counts.Count)}{Num(detections)}");
            if (host.Counts.Count > 0)
                w.Write($"<td class=\"mono time\">{HtmlReportWriter.Time(host.Counts.Min(c => c.First))}</td><td class=\"mono time\">{HtmlReportWriter.Time(host.Counts.Max(c => c.Last))}</td>");
            else w.Write("<td></td><td></td>");
            w.Write("</tr>\n");
        }
        w.Write("</tbody></table>");
        foreach (var host in model.Hosts)
        {
            w.Write($"<details><summary>{HtmlText.Escape(host.Host)}: {host.Events.ToString("N0", CultureInfo.InvariantCulture)} events</summary>");
            w.Write("<table class=\"sortable\"><thead><tr><th>Channel</th><th class=\"num\">Event ID</th><th class=\"num\">Count</th><th>First (UTC)</th><th>Last (UTC)</th></tr></thead><tbody>\n");
            foreach (var c in host.Counts)
                w.Write($"<tr><td>{HtmlText.Escape(c.Channel)}</td>{Num(c.EventId)}{Num(c.Count)}<td class=\"mono time\">{HtmlReportWriter.Time(c.First)}</td><td class=\"mono time\">{HtmlReportWriter.Time(c.Last)}</td></tr>\n");
            w.Write("</tbody></table></details>\n");
        }
        if (model.BlindSpots.Count > 0)
        {
            w.Write("<h3>Blind spots</h3><ul class=\"blind\">");
            foreach (var spot in model.BlindSpots) w.Write($"<li>{HtmlText.Escape(spot)}</li>");
            w.Write("</ul>\n");
        }
        w.Write("</section>\n");
    }

    private static string Num(long n) =>
        $"<td class=\"num\" data-num=\"{n.ToString(CultureInfo.InvariantCulture)}\">{n.ToString("N0", CultureInfo.InvariantCulture)}</td>";
}
