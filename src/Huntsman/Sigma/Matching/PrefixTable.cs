using System.Numerics;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// Open-addressing map from a literal's folded prefix key (never 0) to what is stored for it: one
/// multiply and usually one probe per lookup, where a Dictionary lookup was a good part of the prefilter.
/// </summary>
internal sealed class PrefixTable<T> where T : class
{
    private readonly ulong[] _keys;
    private readonly T[] _values;
    private readonly int _shift;

    public PrefixTable(IReadOnlyCollection<(ulong Key, T Value)> items)
    {
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(items.Count * 2, 4));
        _shift = 64 - BitOperations.Log2((uint)size);
        _keys = new ulong[size];
        _values = new T[size];
        foreach (var (key, value) in items)
        {
            int slot = Slot(key);
            while (_keys[slot] != 0) slot = (slot + 1) & (size - 1);
            _keys[slot] = key;
            _values[slot] = value;
        }
    }

    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> _shift);

    public T? Find(ulong key)
    {
        int mask = _keys.Length - 1;
        for (int slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var k = _keys[slot];
            if (k == key) return _values[slot];
            if (k == 0) return null;
        }
    }
}
