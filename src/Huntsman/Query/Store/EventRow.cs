using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Query.Store;

/// <summary>
/// An event being turned into table rows, with the lookups columns share (payload by name,
/// the unified process start, parsed hashes) computed once.
/// </summary>
internal sealed class EventRow
{
    private Dictionary<string, string>? _hashes;

    public EventRow(WinEvent e)
    {
        Event = e;
        IsSysmon = Channels.IsSysmon(e);
        IsSecurity = Channels.IsSecurity(e);
        IsDefender = Channels.IsDefender(e);
        if (ProcessStart.TryFrom(e, out var p)) Process = p;
    }

    public WinEvent Event { get; }
    public ProcessStart? Process { get; }
    public bool IsSysmon { get; }
    public bool IsSecurity { get; }
    public bool IsDefender { get; }
    /// <summary>Sysmon or a Defender export row (which carries Sysmon-equivalent IDs and field names).</summary>
    public bool IsSysmonLike => IsSysmon || IsDefender;

    /// <summary>Payload value, "" when absent (KQL strings are never null).</summary>
    public string P(string name) => Event.GetPayload(name) ?? "";

    public string? First(params string[] names)
    {
        foreach (var n in names)
            if (Event.GetPayload(n) is { Length: > 0 } v) return v;
        return null;
    }

    public long? Number(string name) => ProcessStart.TryParseId(Event.GetPayload(name), out var v) ? v : null;

    /// <summary>One hash from Sysmon's "SHA1=…,MD5=…,SHA256=…,IMPHASH=…" (or a Defender column of that name).</summary>
    public string Hash(string algorithm)
    {
        if (Event.GetPayload(algorithm) is { Length: > 0 } direct) return direct;
        if (_hashes is null)
        {
            _hashes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var part in (Event.GetPayload("Hashes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                int eq = part.IndexOf('=');
                if (eq > 0) _hashes[part[..eq]] = part[(eq + 1)..];
            }
        }
        return _hashes.TryGetValue(algorithm, out var h) ? h : "";
    }

    public static string FileName(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "";
        int i = path.LastIndexOfAny(['\\', '/']);
        return i < 0 ? path : path[(i + 1)..];
    }

    /// <summary>"DOMAIN\user" split into its parts (domain "" when absent).</summary>
    public static (string Domain, string Name) SplitAccount(string? account)
    {
        if (string.IsNullOrEmpty(account)) return ("", "");
        int i = account.IndexOf('\\');
        return i < 0 ? ("", account) : (account[..i], account[(i + 1)..]);
    }

    /// <summary>The payload as a JSON object (first value wins for repeated names).</summary>
    public string PayloadJson()
    {
        using var buffer = new MemoryStream();
        using (var w = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var f in Event.Fields)
                if (seen.Add(f.Name)) w.WriteString(f.Name, f.Value);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
