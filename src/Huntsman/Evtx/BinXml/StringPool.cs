namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Per-thread pool of short strings (channels, hosts, providers, SIDs, GUIDs, common payload values) so
/// repeated values are not allocated again for every event. Bounded: cleared when full.
/// </summary>
internal sealed class StringPool
{
    public const int MaxLength = 80;
    private const int MaxEntries = 8192;

    [ThreadStatic] private static StringPool? t_pool;

    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public static StringPool ForThread => t_pool ??= new StringPool();

    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0) return "";
        if (chars.Length > MaxLength) return new string(chars);
        if (_lookup.TryGetValue(chars, out var pooled)) return pooled;
        if (_strings.Count >= MaxEntries) _strings.Clear();
        var s = new string(chars);
        _strings[s] = s;
        return s;
    }
}
