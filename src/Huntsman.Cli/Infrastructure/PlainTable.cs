using System.Text;
using Huntsman.Events;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// A text table for outputs that can run to thousands of rows (timelines, query results): column widths computed
/// once, rows written straight to the stream. A layout-engine table measured every cell several times and held
/// every row's segments, which took longer than the hunt itself. Cells may hold several lines.
/// Evidence is attacker-controlled, so every cell goes through <see cref="PrintableText.Of"/>.
/// </summary>
public sealed class PlainTable(params string[] headers)
{
    private const string Gap = "   ";
    private readonly string[] _headers = headers;
    private readonly List<Line[][]> _rows = new();
    private readonly int[] _widths = headers.Select(h => h.Length).ToArray();

    /// <summary>Adds a row: one array of lines per column.</summary>
    public void AddRow(params string[][] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}");
        var row = new Line[cells.Length][];
        for (int c = 0; c < cells.Length; c++)
        {
            row[c] = cells[c].Length == 0 ? [Line.Of("")] : cells[c].Select(text => Line.Of(PrintableText.Of(text))).ToArray();
            foreach (var line in row[c]) _widths[c] = Math.Max(_widths[c], line.Width);
        }
        _rows.Add(row);
    }

    public void AddRow(params string[] cells) => AddRow(cells.Select(c => c.Split('\n')).ToArray());

    public void Write(TextWriter output)
    {
        var line = new StringBuilder(256);
        WriteLine(output, line, _headers.Select(h => new[] { Line.Of(h) }).ToArray(), 0);
        output.WriteLine(new string('─', _widths.Sum() + Gap.Length * (_widths.Length - 1) + 2));
        foreach (var row in _rows)
        {
            int height = row.Max(c => c.Length);
            for (int l = 0; l < height; l++) WriteLine(output, line, row, l);
        }
    }

    private void WriteLine(TextWriter output, StringBuilder line, Line[][] row, int index)
    {
        line.Clear().Append("  ");
        for (int c = 0; c < row.Length; c++)
        {
            var cell = index < row[c].Length ? row[c][index] : default;
            line.Append(cell.Text);
            if (c < row.Length - 1) line.Append(' ', _widths[c] - cell.Width).Append(Gap);
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>One line of a cell with its width in terminal cells, measured once.</summary>
    private readonly record struct Line(string Text, int Width)
    {
        /// <summary>ASCII is one cell per char; anything else asks the console library (wide CJK, combining marks).</summary>
        public static Line Of(string text) =>
            new(text, Ascii.IsValid(text) ? text.Length : new Spectre.Console.Rendering.Segment(text).CellCount());
    }
}
