using System.Text.Json;

namespace Huntsman.Noise.Allowlist;

/// <summary>
/// Writes a run's allowlist summary as one JSON object (for hunt's JSON summary and the HTML report):
/// per entry its reason, owner, expiry and counts, then the warnings. Suppressed items themselves are
/// listed by whoever owns them (detections, findings), from <see cref="SuppressionLedger.Suppressed"/>.
/// </summary>
public static class AllowlistJsonWriter
{
    public static void Write(Utf8JsonWriter w, SuppressionLedger ledger)
    {
        w.WriteStartObject();
        w.WriteNumber("suppressed", ledger.SuppressedCount);
        w.WriteNumber("matched_by_expired_entries", ledger.MatchedByExpired.Count);
        w.WriteStartArray("entries");
        foreach (var u in ledger.Usage())
        {
            w.WriteStartObject();
            w.WriteString("id", u.Entry.Id);
            w.WriteString("reason", u.Entry.Reason);
            w.WriteString("owner", u.Entry.Owner);
            if (u.Entry.Expires is { } expires) w.WriteString("expires", expires.ToString("yyyy-MM-dd"));
            w.WriteBoolean("expired", u.Expired);
            w.WriteNumber("suppressed", u.Suppressed);
            w.WriteNumber("matched_while_expired", u.MatchedWhileExpired);
            w.WriteBoolean("never_matched", u.NeverMatched);
            w.WriteString("file", u.Entry.File);
            w.WriteNumber("line", u.Entry.Line);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("warnings");
        foreach (var warning in ledger.Warnings()) w.WriteStringValue(warning);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
