using System.Collections.Frozen;
using Huntsman.Events;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// One thread's view of the event being matched: caches each field a rule asks for, so a field is
/// looked up once per event however many rules test it. Not thread-safe; one per thread.
/// </summary>
internal sealed class EventScope
{
    private string?[] _values;
    private int[] _stamps;
    private int _generation;
    private readonly FrozenDictionary<string, int> _slots;

    /// <param name="fields">Every field rules use; payload fields with these names are cached in one pass per event.</param>
    public EventScope(IReadOnlyList<FieldRef> fields)
    {
        _values = new string?[Math.Max(fields.Count, 1)];
        _stamps = new int[_values.Length];
        _slots = fields.ToFrozenDictionary(f => f.Name, f => f.Index, StringComparer.OrdinalIgnoreCase);
    }

    public WinEvent Event { get; private set; } = null!;

    private int[] _marks = [];
    private int _markGeneration;

    /// <summary>Scratch marks for the prefilter: an array of at least <paramref name="count"/> slots and a fresh generation.</summary>
    public int[] Marks(int count, out int generation)
    {
        if (_marks.Length < count) { _marks = new int[count]; _markGeneration = 0; }
        if (++_markGeneration == int.MaxValue) { Array.Clear(_marks); _markGeneration = 1; }
        generation = _markGeneration;
        return _marks;
    }

    /// <summary>
    /// Starts a new event: one pass over its payload fills the slot of every field a rule uses (first
    /// occurrence wins, as in <see cref="WinEvent.GetPayload"/>); names with spaces also fill the slot of
    /// the name without them (Sigma spells Defender's "Source Name" SourceName).
    /// </summary>
    public void Reset(WinEvent e)
    {
        Event = e;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
        foreach (var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(e.Fields))
        {
            if (!_slots.TryGetValue(f.Name, out var slot) && !(f.Name.Contains(' ') && _slots.TryGetValue(f.Name.Replace(" ", ""), out slot))) continue;
            if (_stamps[slot] == _generation) continue;
            _values[slot] = f.Value;
            _stamps[slot] = _generation;
        }
    }

    public string? Get(FieldRef field)
    {
        var i = field.Index;
        if (i >= _values.Length) Grow(i + 1);
        if (_stamps[i] == _generation) return _values[i];
        // Not in the payload (Reset saw every payload name): System fields, then taxonomy aliases.
        var v = i < _slots.Count ? SystemFields.Get(Event, field.Name) ?? FieldTaxonomy.ResolveAlias(Event, field.Name) : Lookup(Event, field.Name);
        _values[i] = v;
        _stamps[i] = _generation;
        return v;
    }

    /// <summary>
    /// <see cref="WinEvent.Get"/>, plus Sigma's convention that a field name has its spaces removed
    /// (Defender's "Source Name" is SourceName in rules).
    /// </summary>
    internal static string? Lookup(WinEvent e, string name)
    {
        if (e.Get(name) is { } v) return v;
        foreach (var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(e.Fields))
            if (f.Name.Contains(' ') && EqualsIgnoringSpaces(f.Name, name)) return f.Value;
        return null;
    }

    private static bool EqualsIgnoringSpaces(string withSpaces, string name)
    {
        int j = 0;
        foreach (var c in withSpaces)
        {
            if (c == ' ') continue;
            if (j >= name.Length || char.ToUpperInvariant(c) != char.ToUpperInvariant(name[j])) return false;
            j++;
        }
        return j == name.Length;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _values, size * 2);
        Array.Resize(ref _stamps, size * 2);
    }
}
