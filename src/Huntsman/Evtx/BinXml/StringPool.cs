using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Per-thread pool of short strings (channels, hosts, providers, SIDs, GUIDs, common payload values) so
/// repeated values are not allocated again for every event. A direct-mapped table: one hash, one compare per
/// lookup (a dictionary cost more than the allocation it saved); a colliding value replaces its slot. Bounded.
/// </summary>
internal sealed class StringPool
{
    public const int MaxLength = 80;
    private const int Slots = 8192;

    [ThreadStatic] private static StringPool? t_pool;

    private readonly string?[] _slots = new string?[Slots];

    public static StringPool ForThread => t_pool ??= new StringPool();

    public string Get(ReadOnlySpan<char> chars)
    {
        if (chars.Length == 0) return "";
        if (chars.Length > MaxLength) return new string(chars);
        ref var slot = ref _slots[Hash(chars) & (Slots - 1)];
        if (slot is { } pooled && chars.SequenceEqual(pooled)) return pooled;
        return slot = new string(chars);
    }

    private static uint Hash(ReadOnlySpan<char> chars)
    {
        var bytes = MemoryMarshal.AsBytes(chars);
        ulong h = (ulong)bytes.Length * 0x9E3779B97F4A7C15;
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * 0x9E3779B97F4A7C15, 31);
            bytes = bytes[8..];
        }
        ulong tail = 0;
        for (int i = 0; i < bytes.Length; i++) tail |= (ulong)bytes[i] << (i * 8);
        h = (h ^ tail) * 0xC2B2AE3D27D4EB4F;
        return (uint)(h ^ (h >> 32));
    }
}
