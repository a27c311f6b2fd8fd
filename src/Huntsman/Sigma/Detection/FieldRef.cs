namespace Huntsman.Sigma.Detection;

/// <summary>A field name used by some rule, with a slot in the per-event value cache.</summary>
internal sealed class FieldRef(string name, int index)
{
    public string Name { get; } = name;
    public int Index { get; } = index;
    public override string ToString() => Name;
}

/// <summary>Interns field names (case-insensitive) so every rule shares one cache slot per field.</summary>
internal sealed class FieldRegistry
{
    private readonly Dictionary<string, FieldRef> _byName = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FieldRef> _all = new();

    public IReadOnlyList<FieldRef> All => _all;

    public FieldRef Get(string name)
    {
        lock (_byName)
        {
            if (_byName.TryGetValue(name, out var f)) return f;
            f = new FieldRef(name, _all.Count);
            _byName.Add(name, f);
            _all.Add(f);
            return f;
        }
    }
}
