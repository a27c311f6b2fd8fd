using System.Runtime.InteropServices;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Events;

/// <summary>
/// Applied by every reader to every event once it is built, so all formats look alike:
/// in Security events, a field holding %%NNNN message tokens gains a sibling of the same name, right after it, with the decoded
/// text (the raw value stays first, so GetPayload still returns it). Must be cheap: it runs per event.
/// </summary>
public static class EventNormalizer
{
    private const int DecodedSlots = 256, MaxCachedLength = 512; // access lists ("%%1537\r\n\t\t\t\t%%1538 …") are long and repeat too

    /// <summary>
    /// Token values repeat ("%%1833", "%%1843" in every logon and process event): the last decodings per thread, direct-mapped,
    /// so a repeated value is neither rendered nor decoded again.
    /// </summary>
    [ThreadStatic] private static (string Raw, string? Decoded)[]? t_decoded;
    /// <summary>The decoded siblings of the event being normalised (scratch, per thread).</summary>
    [ThreadStatic] private static List<(int After, EventField Field)>? t_siblings;

    public static void Normalize(WinEvent e)
    {
        // The tokens are Security-audit parameter messages; elsewhere "%%1" is batch syntax in a command line.
        if (!Channels.IsSecurity(e)) return;
        var fields = e.Fields;
        var span = CollectionsMarshal.AsSpan(fields);
        // Siblings are gathered first and the list shifted once: inserting one by one moved the tail for each of them.
        List<(int After, EventField Field)>? siblings = null; // the thread's scratch list, fetched only when needed
        for (int i = 0; i < span.Length; i++)
        {
            var f = span[i];
            // Chars, not Value: a lazily read value is not rendered just to be searched (nor at all when it is a number).
            if (!f.HoldsText) continue;
            var chars = f.Chars;
            if (!chars.Contains("%%", StringComparison.Ordinal)) continue;
            var decoded = Decode(f, chars);
            if (decoded is null) continue;
            // Idempotent: an event read back from our own dump already carries the decoded sibling.
            if (i + 1 < span.Length && span[i + 1].Name == f.Name && span[i + 1].Value == decoded) { i++; continue; }
            if (siblings is null)
            {
                siblings = t_siblings ??= new(8);
                siblings.Clear();
            }
            siblings.Add((i, new EventField(f.Name, decoded)));
        }
        if (siblings is null) return;
        int count = span.Length;
        // Exact (SetCount alone would double the array); readers may have left room for the siblings already.
        if (fields.Capacity < count + siblings.Count) fields.Capacity = count + siblings.Count;
        CollectionsMarshal.SetCount(fields, count + siblings.Count);
        span = CollectionsMarshal.AsSpan(fields);
        int write = span.Length - 1, next = siblings.Count - 1;
        for (int read = count - 1; read >= 0; read--)
        {
            if (next >= 0 && siblings[next].After == read) span[write--] = siblings[next--].Field;
            span[write--] = span[read];
        }
        siblings.Clear();
    }

    private static string? Decode(in EventField field, ReadOnlySpan<char> chars)
    {
        if (chars.Length > MaxCachedLength) return MessageTokens.Decode(field.Value);
        var cache = t_decoded ??= new (string, string?)[DecodedSlots];
        ref var slot = ref cache[(uint)string.GetHashCode(chars) % DecodedSlots];
        if (slot.Raw is not null && chars.SequenceEqual(slot.Raw)) return slot.Decoded;
        var raw = field.Value;
        slot = (raw, MessageTokens.Decode(raw));
        return slot.Decoded;
    }
}
