using System.Globalization;
using Huntsman.Attack;
using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Report.Html;

/// <summary>
/// Writes the report as one self-contained HTML file: summary, detection timeline (histogram + table),
/// lateral-movement graph, process trees of high/critical detections, ATT&amp;CK matrix of what fired and
/// the per-host telemetry overview. Inline CSS and a small sorting/filtering script, both pinned by hash
/// in a Content-Security-Policy; every piece of evidence text goes through <see cref="HtmlText.Escape"/>.
/// </summary>
public static class HtmlReportWriter
{
    /// <summary>Rows beyond this are left out of the detection table (the JSON/CSV output has them all).</summary>
    public const int MaxDetectionRows = 5000;
    /// <summary>Characters of a field value shown before it is cut.</summary>
    public const int MaxValueLength = 400;

    public static void Write(ReportModel model, TextWriter output, AttackCatalog? catalog = null)
    {
        catalog ??= AttackCatalog.Default;
        var w = output;
        w.Write("<!DOCTYPE html>\n<html lang=\"en\" class=\"no-js\">\n<head>\n<meta charset=\"utf-8\">\n");
        w.Write($"<meta http-equiv=\"Content-Security-Policy\" content=\"{HtmlReportAssets.ContentSecurityPolicy}\">\n");
        w.Write("<meta name=\"referrer\" content=\"no-referrer\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        w.Write($"<title>{HtmlText.Escape(model.Title)}</title>\n<style>{HtmlReportAssets.Css}</style>\n</head>\n<body>\n");
        w.Write($"<header><h1>{HtmlText.Escape(model.Title)}</h1><p>Generated {Time(model.Summary.GeneratedUtc)} UTC");
        if (model.Summary.Version.Length > 0) w.Write($" by Huntsman {HtmlText.Escape(model.Summary.Version)}");
        w.Write("</p><nav><a href=\"#summary\">Summary</a><a href=\"#timeline\">Detections</a><a href=\"#lateral\">Lateral movement</a>" +
                "<a href=\"#trees\">Process trees</a><a href=\"#attack\">ATT&amp;CK</a><a href=\"#telemetry\">Telemetry</a><a href=\"#suppressed\">Suppressed</a></nav></header>\n<main>\n");

        WriteSummary(w, model);
        WriteDetections(w, model.Detections);
        LateralSection.Write(w, model.LateralMovements);
        ProcessTreeSection.Write(w, model);
        AttackMatrixSection.Write(w, model, catalog);
        TelemetrySection.Write(w, model);
        SuppressedSection.Write(w, model.Suppressed);

        w.Write($"</main>\n<footer>ATT&amp;CK data: {HtmlText.Escape(catalog.Version)}. Times are UTC.</footer>\n");
        w.Write($"<script>{HtmlReportAssets.Script}</script>\n</body>\n</html>\n");
    }

    private static void WriteSummary(TextWriter w, ReportModel model)
    {
        var s = model.Summary;
        w.Write("<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">");
        Card(w, s.Files.ToString("N0", CultureInfo.InvariantCulture), "files");
        Card(w, s.Events.ToString("N0", CultureInfo.InvariantCulture), "events");
        Card(w, s.Errors.ToString("N0", CultureInfo.InvariantCulture), "read problems");
        Card(w, s.Rules.ToString("N0", CultureInfo.InvariantCulture), "rules");
        Card(w, model.Detections.Count.ToString("N0", CultureInfo.InvariantCulture), "detections");
        foreach (var level in Levels.Ordered.Reverse())
        {
            var n = model.Detections.Count(d => string.Equals(d.Level, level, StringComparison.OrdinalIgnoreCase));
            if (n > 0) Card(w, n.ToString("N0", CultureInfo.InvariantCulture), level);
        }
        Card(w, model.LateralMovements.Count.ToString("N0", CultureInfo.InvariantCulture), "lateral movements");
        Card(w, s.Hosts.Count.ToString("N0", CultureInfo.InvariantCulture), "hosts");
        w.Write("</div>\n<table><tbody>");
        Row(w, "Time span", s.FirstEvent is { } first && s.LastEvent is { } last ? $"{Time(first)} – {Time(last)}" : "no events");
        if (s.Duration is { } duration) Row(w, "Run time", duration.TotalSeconds.ToString("0.00 s", CultureInfo.InvariantCulture));
        w.Write("<tr><th>Hosts</th><td>");
        w.Write(string.Join(", ", s.Hosts.Select(HtmlText.Escape)));
        w.Write("</td></tr><tr><th>Inputs</th><td>");
        foreach (var input in s.Inputs) w.Write($"<code>{HtmlText.Escape(input)}</code><br>");
        w.Write("</td></tr></tbody></table>");
        if (s.ErrorSamples.Count > 0)
        {
            w.Write($"<details><summary>{s.ErrorSamples.Count} read problem(s) shown of {s.Errors}</summary><ul>");
            foreach (var e in s.ErrorSamples) w.Write($"<li><code>{HtmlText.Escape(e)}</code></li>");
            w.Write("</ul></details>");
        }
        w.Write("</section>\n");
    }

    private static void WriteDetections(TextWriter w, IReadOnlyList<Detection> detections)
    {
        w.Write("<section id=\"timeline\"><h2>Detection timeline</h2>");
        if (detections.Count == 0)
        {
            w.Write("<p class=\"muted\">No detections.</p></section>\n");
            return;
        }
        SvgTimeHistogram.Write(w, detections);
        if (detections.Count > MaxDetectionRows)
            w.Write($"<p class=\"muted\">Showing the first {MaxDetectionRows:N0} of {detections.Count:N0} detections; the JSON and CSV outputs hold all of them.</p>");
        w.Write("<input class=\"filter\" type=\"search\" placeholder=\"Filter detections…\" data-filter=\"detections\">");
        w.Write("<table id=\"detections\" class=\"sortable\"><thead><tr><th>Time (UTC)</th><th>Host</th><th>Level</th><th>Rule</th>" +
                "<th>ATT&amp;CK</th><th>Key fields</th><th>Process ancestry</th></tr></thead><tbody>\n");
        foreach (var d in detections.Take(MaxDetectionRows))
        {
            var level = Level(d.Level);
            w.Write($"<tr><td class=\"mono time\">{Time(d.Timestamp)}</td><td>{HtmlText.Escape(d.Computer)}</td>");
            w.Write($"<td data-num=\"{Levels.Rank(d.Level)}\"><span class=\"lvl lvl-{level}\">{HtmlText.Escape(d.Level)}</span></td>");
            w.Write($"<td>{HtmlText.Escape(d.RuleTitle)}<br><span class=\"muted\">{HtmlText.Escape(d.Channel)} {d.EventId} #{d.RecordId}</span></td><td>");
            w.Write(string.Join(" ", d.Attack.Select(a => $"<code class=\"tid\">{HtmlText.Escape(a)}</code>")));
            w.Write("</td><td>");
            foreach (var f in d.Fields.Take(24)) w.Write($"<code>{HtmlText.Escape(f.Name)}: {HtmlText.Escape(Cut(Compact(f.Value)))}</code><br>");
            w.Write("</td><td>");
            WriteAncestry(w, d.Ancestry);
            w.Write("</td></tr>\n");
        }
        w.Write("</tbody></table></section>\n");
    }

    /// <summary>Root first, the acting process last.</summary>
    private static void WriteAncestry(TextWriter w, IReadOnlyList<ProcessStep> ancestry)
    {
        for (int i = Math.Min(ancestry.Count, 16) - 1; i >= 0; i--)
        {
            var step = ancestry[i];
            w.Write($"<code title=\"{HtmlText.Escape(Cut(step.CommandLine ?? step.Image))}\">{HtmlText.Escape(FileName(step.Image))}");
            if (step.ProcessId is { } pid) w.Write($" ({pid.ToString(CultureInfo.InvariantCulture)})");
            w.Write("</code>");
            if (i > 0) w.Write(" → ");
        }
    }

    private static void Card(TextWriter w, string value, string label) =>
        w.Write($"<div class=\"card\"><b>{HtmlText.Escape(value)}</b><span>{HtmlText.Escape(label)}</span></div>");

    private static void Row(TextWriter w, string name, string value) =>
        w.Write($"<tr><th>{HtmlText.Escape(name)}</th><td>{HtmlText.Escape(value)}</td></tr>");

    internal static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A CSS-safe level name: one of the five Sigma levels, else "informational".</summary>
    internal static string Level(string? level) => Levels.Ordered[Levels.Rank(level)];

    internal static string Cut(string? value) =>
        value is null ? "" : value.Length <= MaxValueLength ? value : string.Concat(value.AsSpan(0, MaxValueLength), "…");

    /// <summary>Whitespace runs (AccessList's newline-and-tab lists) shown as one space.</summary>
    internal static string Compact(string value)
    {
        if (value.AsSpan().IndexOfAny("\t\r\n") < 0 && !value.Contains("  ", StringComparison.Ordinal)) return value;
        return string.Join(' ', value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    internal static string FileName(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "?";
        var i = path.LastIndexOfAny(['\\', '/']);
        return i >= 0 && i < path.Length - 1 ? path[(i + 1)..] : path;
    }
}
