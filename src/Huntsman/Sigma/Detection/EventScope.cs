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

    public EventScope(int fieldCount)
    {
        _values = new string?[Math.Max(fieldCount, 1)];
        _stamps = new int[_values.Length];
    }

    public WinEvent Event { get; private set; } = null!;

    public void Reset(WinEvent e)
    {
        Event = e;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            _generation = 1;
        }
    }

    public string? Get(FieldRef field)
    {
        var i = field.Index;
        if (i >= _values.Length) Grow(i + 1);
        if (_stamps[i] == _generation) return _values[i];
        var v = Lookup(Event, field.Name);
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
