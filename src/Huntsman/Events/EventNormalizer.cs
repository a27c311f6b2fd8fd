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
    public static void Normalize(WinEvent e)
    {
        // The tokens are Security-audit parameter messages; elsewhere "%%1" is batch syntax in a command line.
        if (!Channels.IsSecurity(e)) return;
        var fields = e.Fields;
        var span = CollectionsMarshal.AsSpan(fields);
        // Siblings are gathered first and the list shifted once: inserting one by one moved the tail for each of them.
        List<(int After, EventField Field)>? siblings = null;
        for (int i = 0; i < span.Length; i++)
        {
            var f = span[i];
            // Chars, not Value: a lazily read value is not rendered just to be searched.
            if (!f.Chars.Contains("%%", StringComparison.Ordinal)) continue;
            var decoded = MessageTokens.Decode(f.Value);
            if (decoded is null) continue;
            // Idempotent: an event read back from our own dump already carries the decoded sibling.
            if (i + 1 < span.Length && span[i + 1].Name == f.Name && span[i + 1].Value == decoded) { i++; continue; }
            (siblings ??= new(4)).Add((i, new EventField(f.Name, decoded)));
        }
        if (siblings is null) return;
        int count = span.Length;
        fields.Capacity = count + siblings.Count; // exact: SetCount alone would double the array
        CollectionsMarshal.SetCount(fields, count + siblings.Count);
        span = CollectionsMarshal.AsSpan(fields);
        int write = span.Length - 1, next = siblings.Count - 1;
        for (int read = count - 1; read >= 0; read--)
        {
            if (next >= 0 && siblings[next].After == read) span[write--] = siblings[next--].Field;
            span[write--] = span[read];
        }
    }
}
