namespace Huntsman.Evtx.BinXml;

/// <summary>
/// The last bytes and text of each System string field (channel, computer, provider, keywords, user, …): consecutive
/// records mostly repeat them, and comparing a few raw bytes is cheaper than formatting and pooling the text again.
/// Per builder (so per thread); the bytes are copied, as the chunk buffer is reused.
/// </summary>
internal sealed class SystemValueCache
{
    public const int Keywords = 0, Channel = 1, Computer = 2, Provider = 3, ProviderGuid = 4, ActivityId = 5, RelatedActivityId = 6, UserId = 7;
    private const int Slots = 8;
    /// <summary>Longer values (rare: a long computer name) are rendered every time rather than kept.</summary>
    private const int MaxBytes = 256;

    private struct Entry
    {
        public byte Type;
        public int Length;
        public byte[]? Bytes;
        public string? Text;
    }

    private readonly Entry[] _entries = new Entry[Slots];
    private readonly StringPool _pool;

    public SystemValueCache(StringPool pool) => _pool = pool;

    /// <summary>The text of <paramref name="value"/> as <see cref="ValueRenderer"/> renders it, remembered under <paramref name="slot"/>.</summary>
    public string Render(int slot, byte[] chunk, in BinXmlValue value)
    {
        if (value.Text is not null) return value.Text;
        var bytes = new ReadOnlySpan<byte>(chunk, value.Offset, value.Length);
        ref var entry = ref _entries[slot];
        if (entry.Text is not null && entry.Type == value.Type && bytes.SequenceEqual(entry.Bytes.AsSpan(0, entry.Length))) return entry.Text;
        var text = ValueRenderer.Render(chunk, value, _pool);
        if (bytes.Length <= MaxBytes)
        {
            if (entry.Bytes is null || entry.Bytes.Length < bytes.Length) entry.Bytes = new byte[Math.Max(64, bytes.Length)];
            bytes.CopyTo(entry.Bytes);
            entry.Length = bytes.Length;
            entry.Type = value.Type;
            entry.Text = text;
        }
        return text;
    }
}
