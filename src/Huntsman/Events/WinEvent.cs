namespace Huntsman.Events;

/// <summary>
/// One Windows event, whatever it was read from (EVTX, JSON, XML). System fields are typed;
/// payload fields (EventData, UserData, flat JSON) are an ordered name/value list.
/// Field names compare case-insensitively; a name may repeat (arrays, unnamed &lt;Data&gt;).
/// </summary>
public sealed class WinEvent
{
    public int EventId { get; set; }
    public int? EventIdQualifiers { get; set; }
    public string Channel { get; set; } = "";
    public string Provider { get; set; } = "";
    public string? ProviderGuid { get; set; }
    public string Computer { get; set; } = "";
    /// <summary>TimeCreated, always UTC (DateTimeKind.Utc).</summary>
    public DateTime TimeCreated { get; set; }
    public long RecordId { get; set; }
    public int? Version { get; set; }
    public int? Level { get; set; }
    public int? Task { get; set; }
    public int? Opcode { get; set; }
    /// <summary>As rendered by Windows: lowercase hex, e.g. 0x8020000000000000.</summary>
    public string? Keywords { get; set; }
    /// <summary>Security/@UserID (a SID).</summary>
    public string? UserId { get; set; }
    public int? ProcessId { get; set; }
    public int? ThreadId { get; set; }
    public string? ActivityId { get; set; }
    public string? RelatedActivityId { get; set; }

    /// <summary>Payload fields in document order.</summary>
    public List<EventField> Fields { get; } = new();

    /// <summary>Where the event came from (file, chunk/line, offset).</summary>
    public EventOrigin Origin { get; set; }

    /// <summary>The full document, kept only when the reader was asked to (dump, XML/JSON rendering).</summary>
    public EventNode? Document { get; set; }

    public void Add(string name, string value) => Fields.Add(new EventField(name, value));

    /// <summary>First payload value with this name (case-insensitive), without System or taxonomy fallback.</summary>
    public string? GetPayload(string name)
    {
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Fields);
        for (int i = 0; i < span.Length; i++)
            if (string.Equals(span[i].Name, name, StringComparison.OrdinalIgnoreCase)) return span[i].Value;
        return null;
    }

    /// <summary>
    /// Looks a field up the way rules and queries see it: payload first, then System fields
    /// (EventID, Channel, Provider_Name, Computer, …), then the taxonomy's aliases
    /// (e.g. Image on a Security 4688 event resolves to NewProcessName).
    /// </summary>
    public string? Get(string name) => GetPayload(name) ?? SystemFields.Get(this, name) ?? FieldTaxonomy.ResolveAlias(this, name);

    public bool TryGet(string name, out string value)
    {
        var v = Get(name);
        value = v ?? "";
        return v is not null;
    }

    /// <summary>All values of a field (repeated names, arrays), payload first then fallbacks.</summary>
    public IEnumerable<string> GetAll(string name)
    {
        bool any = false;
        foreach (var f in Fields)
            if (string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)) { any = true; yield return f.Value; }
        if (any) yield break;
        var v = SystemFields.Get(this, name) ?? FieldTaxonomy.ResolveAlias(this, name);
        if (v is not null) yield return v;
    }

    public override string ToString() => $"{TimeCreated:O} {Computer} {Channel} {EventId} #{RecordId}";
}
