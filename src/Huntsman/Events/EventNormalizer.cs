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
        for (int i = 0; i < fields.Count; i++)
        {
            var f = CollectionsMarshal.AsSpan(fields)[i];
            if (!f.Value.AsSpan().Contains("%%", StringComparison.Ordinal)) continue;
            var decoded = MessageTokens.Decode(f.Value);
            if (decoded is null) continue;
            // Idempotent: an event read back from our own dump already carries the decoded sibling.
            if (i + 1 < fields.Count && fields[i + 1].Name == f.Name && fields[i + 1].Value == decoded) { i++; continue; }
            fields.Insert(i + 1, new EventField(f.Name, decoded));
            i++;
        }
    }
}
