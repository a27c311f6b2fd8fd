using System.Globalization;
using Huntsman.Hunt;

namespace Huntsman.Report.Html;

/// <summary>Detections over time as an inline SVG bar chart; each bar takes the colour of its worst level.</summary>
internal static class SvgTimeHistogram
{
    private const int Bins = 60, Width = 1000, Height = 150, Top = 12, Bottom = 120, Left = 40;

    public static void Write(TextWriter w, IReadOnlyList<Detection> detections)
    {
        var first = detections.Min(d => d.Timestamp);
        var last = detections.Max(d => d.Timestamp);
        var span = (last - first).Ticks;
        var counts = new int[Bins];
        var worst = new int[Bins];
        foreach (var d in detections)
        {
            int bin = span == 0 ? 0 : (int)Math.Min(Bins - 1, (d.Timestamp - first).Ticks * Bins / span);
            counts[bin]++;
            worst[bin] = Math.Max(worst[bin], Levels.Rank(d.Level));
        }
        var max = Math.Max(1, counts.Max());
        double barWidth = (Width - Left - 10) / (double)Bins;
        w.Write($"<svg viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Detections over time\">");
        w.Write($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Bottom}\" x2=\"{Width - 10}\" y2=\"{Bottom}\"/>");
        w.Write($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Bottom}\"/>");
        w.Write($"<text x=\"{Left - 6}\" y=\"{Top + 8}\" text-anchor=\"end\">{max}</text><text x=\"{Left - 6}\" y=\"{Bottom}\" text-anchor=\"end\">0</text>");
        for (int i = 0; i < Bins; i++)
        {
            if (counts[i] == 0) continue;
            double h = Math.Max(2, (Bottom - Top) * counts[i] / (double)max);
            var from = first.AddTicks(span * i / Bins);
            var to = first.AddTicks(span * (i + 1) / Bins);
            w.Write($"<rect class=\"bar-{Levels.Ordered[worst[i]]}\" x=\"{F(Left + i * barWidth + 1)}\" y=\"{F(Bottom - h)}\" width=\"{F(Math.Max(1, barWidth - 2))}\" height=\"{F(h)}\">");
            w.Write($"<title>{HtmlReportWriter.Time(from)} – {HtmlReportWriter.Time(to)}: {counts[i]} detection(s)</title></rect>");
        }
        w.Write($"<text x=\"{Left}\" y=\"{Bottom + 16}\">{HtmlReportWriter.Time(first)}</text>");
        w.Write($"<text x=\"{Width - 10}\" y=\"{Bottom + 16}\" text-anchor=\"end\">{HtmlReportWriter.Time(last)}</text>");
        w.Write($"<text x=\"{(Width + Left) / 2}\" y=\"{Bottom + 30}\" text-anchor=\"middle\">{detections.Count} detections, UTC</text>");
        w.Write("</svg>\n");
    }

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
