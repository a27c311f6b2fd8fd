using Huntsman.Events;
using Huntsman.Hunt;
using Huntsman.Noise.Baseline;

namespace Huntsman.Noise.Allowlist;

/// <summary>
/// Something an allowlist may suppress: its kind, the rule that produced it (if any), the rule's tags,
/// the hosts involved, and the fields <c>match:</c> conditions read (an event, or a finding's field
/// dictionary presented as one). <see cref="Item"/> is the caller's object, handed back in suppression lists.
/// </summary>
public sealed class AllowlistSubject
{
    private AllowlistSubject(string kind, string? ruleId, IReadOnlyList<string> tags, IReadOnlyList<string> hosts, WinEvent fields, object item)
    {
        Kind = kind;
        RuleId = ruleId;
        Tags = tags;
        Hosts = hosts;
        Fields = fields;
        Item = item;
    }

    public string Kind { get; }
    public string? RuleId { get; }
    public IReadOnlyList<string> Tags { get; }
    public IReadOnlyList<string> Hosts { get; }
    /// <summary>What <c>match:</c> reads, through <see cref="WinEvent.Get"/> (payload, System fields, taxonomy aliases).</summary>
    public WinEvent Fields { get; }
    public object Item { get; }

    /// <summary>A detection ("sigma" or "correlation"): its rule id and tags, its host, and its event's fields.</summary>
    public static AllowlistSubject ForDetection(Detection d) =>
        new(d.Kind, d.RuleId, d.Tags, [d.Computer], d.Event ?? FromFields(d.Computer, d.Fields.Select(f => KeyValuePair.Create(f.Name, f.Value))), d);

    /// <summary>
    /// A finding that is not tied to one event (e.g. kind "lateral_movement"): its hosts and a field dictionary
    /// (tool, kind, source/target host, account, ServiceName, ImagePath, …) that <c>match:</c> conditions read.
    /// </summary>
    public static AllowlistSubject ForFinding(string kind, IReadOnlyList<string> hosts, IEnumerable<KeyValuePair<string, string>> fields, object item,
        string? ruleId = null, IReadOnlyList<string>? tags = null) =>
        new(kind, ruleId, tags ?? [], hosts, FromFields(hosts.Count > 0 ? hosts[0] : "", fields), item);

    /// <summary>A baseline anomaly: its host, and its fields (category, key, and the event's payload).</summary>
    public static AllowlistSubject ForAnomaly(Anomaly a) => ForFinding(Anomaly.FindingKind, [a.Host], a.Fields, a);

    private static WinEvent FromFields(string host, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var e = new WinEvent { Computer = host };
        foreach (var (name, value) in fields) e.Add(name, value);
        return e;
    }
}
