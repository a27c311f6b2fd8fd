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
        var v = Event.Get(field.Name);
        _values[i] = v;
        _stamps[i] = _generation;
        return v;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _values, size * 2);
        Array.Resize(ref _stamps, size * 2);
    }
}
