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
    private readonly List<string[][]> _rows = new();
    private readonly int[] _widths = headers.Select(h => h.Length).ToArray();

    /// <summary>Adds a row: one array of lines per column.</summary>
    public void AddRow(params string[][] cells)
    {
        if (cells.Length != _headers.Length) throw new ArgumentException($"expected {_headers.Length} cells, got {cells.Length}");
        var row = new string[cells.Length][];
        for (int c = 0; c < cells.Length; c++)
        {
            row[c] = cells[c].Length == 0 ? [""] : cells[c].Select(PrintableText.Of).ToArray();
            foreach (var line in row[c]) _widths[c] = Math.Max(_widths[c], Width(line));
        }
        _rows.Add(row);
    }

    public void AddRow(params string[] cells) => AddRow(cells.Select(c => c.Split('\n')).ToArray());

    public void Write(TextWriter output)
    {
        var line = new StringBuilder(256);
        WriteLine(output, line, _headers.Select(h => new[] { h }).ToArray(), 0);
        output.WriteLine(new string('─', _widths.Sum() + Gap.Length * (_widths.Length - 1) + 2));
        foreach (var row in _rows)
        {
            int height = row.Max(c => c.Length);
            for (int l = 0; l < height; l++) WriteLine(output, line, row, l);
        }
    }

    private void WriteLine(TextWriter output, StringBuilder line, string[][] row, int index)
    {
        line.Clear().Append("  ");
        for (int c = 0; c < row.Length; c++)
        {
            var text = index < row[c].Length ? row[c][index] : "";
            line.Append(text);
            if (c < row.Length - 1) line.Append(' ', _widths[c] - Width(text)).Append(Gap);
        }
        output.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Terminal cells: ASCII is one per char; anything else asks the console library (wide CJK, combining marks).</summary>
    private static int Width(string text) => Ascii.IsValid(text) ? text.Length : new Spectre.Console.Rendering.Segment(text).CellCount();
}
