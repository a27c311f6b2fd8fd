using System.Buffers;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// All prefilter literals of one bucket for one field: a single vectorised multi-string scan of the
/// value (SearchValues, ordinal ignore-case) finds each occurrence; the literals starting there mark
/// the rules that need them.
/// </summary>
internal sealed class LiteralSearch
{
    private readonly FieldAccessor _field;
    private readonly SearchValues<string> _values;
    private readonly Dictionary<char, (string Text, int[] Entries)[]> _byFirstChar;

    public LiteralSearch(FieldAccessor field, IEnumerable<(string Text, int Entry)> literals)
    {
        _field = field;
        var grouped = literals.GroupBy(l => l.Text, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Text: g.Key, Entries: g.Select(x => x.Entry).Distinct().ToArray())).ToList();
        _values = SearchValues.Create(grouped.Select(g => g.Text).ToArray(), StringComparison.OrdinalIgnoreCase);
        _byFirstChar = grouped.GroupBy(g => char.ToUpperInvariant(g.Text[0])).ToDictionary(g => g.Key, g => g.ToArray());
    }

    /// <summary>Marks (marks[entry] = generation) every entry one of whose literals occurs in the field.</summary>
    public void Mark(EventScope scope, int[] marks, int generation)
    {
        var value = _field.Value(scope);
        if (value is null) return;
        int pos = 0;
        while (pos < value.Length)
        {
            int found = value.AsSpan(pos).IndexOfAny(_values);
            if (found < 0) return;
            int at = pos + found;
            if (_byFirstChar.TryGetValue(char.ToUpperInvariant(value[at]), out var candidates))
                foreach (var (text, entries) in candidates)
                    if (value.AsSpan(at).StartsWith(text, StringComparison.OrdinalIgnoreCase))
                        foreach (var e in entries) marks[e] = generation;
            pos = at + 1;
        }
    }
}
