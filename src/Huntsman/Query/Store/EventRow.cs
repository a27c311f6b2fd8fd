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
    private Dictionary<string, string>? _payload;
    private (List<string> Names, List<string> Values)? _unique;

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
    public string P(string name) => Get(name) ?? "";

    /// <summary>
    /// Payload value by name (case-insensitive, first wins). Wide tables look up dozens of names per event,
    /// so the payload is indexed once instead of scanned per column.
    /// </summary>
    public string? Get(string name)
    {
        if (_payload is null)
        {
            var fields = Event.Fields;
            _payload = new Dictionary<string, string>(fields.Count, StringComparer.OrdinalIgnoreCase);
            foreach (var f in fields) _payload.TryAdd(f.Name, f.Value);
        }
        return _payload.TryGetValue(name, out var v) ? v : null;
    }

    public string? First(params string[] names)
    {
        foreach (var n in names)
            if (Get(n) is { Length: > 0 } v) return v;
        return null;
    }

    public long? Number(string name) => ProcessStart.TryParseId(Get(name), out var v) ? v : null;

    /// <summary>Payload names and values with repeated names dropped (a MAP needs unique keys; the first value wins).</summary>
    public (List<string> Names, List<string> Values) UniqueFields()
    {
        if (_unique is { } done) return done;
        var fields = Event.Fields;
        var names = new List<string>(fields.Count);
        var values = new List<string>(fields.Count);
        var seen = new HashSet<string>(fields.Count, StringComparer.Ordinal);
        foreach (var f in fields)
        {
            if (!seen.Add(f.Name)) continue;
            names.Add(f.Name);
            values.Add(f.Value);
        }
        _unique = (names, values);
        return (names, values);
    }

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

    // One JSON writer per reader thread: rows are built on the pipeline's workers.
    [ThreadStatic] private static System.Buffers.ArrayBufferWriter<byte>? JsonBuffer;
    [ThreadStatic] private static System.Text.Json.Utf8JsonWriter? JsonWriter;

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
        var buffer = JsonBuffer ??= new System.Buffers.ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var w = JsonWriter ??= new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions
            { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.Reset(buffer);
        var (names, values) = UniqueFields();
        w.WriteStartObject();
        for (int i = 0; i < names.Count; i++) w.WriteString(names[i], values[i]);
        w.WriteEndObject();
        w.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
