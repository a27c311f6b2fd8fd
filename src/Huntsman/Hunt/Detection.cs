using Huntsman.Events;

namespace Huntsman.Hunt;

/// <summary>One rule firing on one event (or, for a correlation, on a group of events).</summary>
public sealed class Detection
{
    public required DateTime Timestamp { get; init; }
    public required string Computer { get; init; }
    public required string Channel { get; init; }
    public required int EventId { get; init; }
    public required long RecordId { get; init; }
    public required string File { get; init; }
    public required string RuleId { get; init; }
    public required string RuleTitle { get; init; }
    public required string Level { get; set; }
    /// <summary>"seen" or "unseen" when hunt ran with a baseline (null otherwise), with the reason.</summary>
    public string? Baseline { get; set; }
    public string? BaselineNote { get; set; }
    public string Status { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>ATT&amp;CK technique IDs from the rule's tags (T1021.002, …).</summary>
    public IReadOnlyList<string> Attack { get; init; } = [];
    /// <summary>The event fields the rule looked at, with their values.</summary>
    public IReadOnlyList<EventField> Fields { get; init; } = [];
    /// <summary>"sigma" for a rule on one event, "correlation" for a correlation rule.</summary>
    public string Kind { get; init; } = "sigma";
    /// <summary>The acting process and its parents, nearest first, when process events exist.</summary>
    public IReadOnlyList<ProcessStep> Ancestry { get; set; } = [];
    /// <summary>For correlations: the events that made it fire.</summary>
    public IReadOnlyList<EventRef> Contributing { get; init; } = [];
    /// <summary>For correlations: the group-by values.</summary>
    public IReadOnlyList<EventField> Group { get; init; } = [];

    /// <summary>The matched event (not serialised; kept so lineage can be attached after the scan).</summary>
    public WinEvent? Event { get; init; }

    /// <summary>Deterministic output order: time, then file, then record, then rule id.</summary>
    public static int Compare(Detection a, Detection b)
    {
        int c = a.Timestamp.CompareTo(b.Timestamp);
        if (c == 0) c = string.CompareOrdinal(a.File, b.File);
        if (c == 0) c = a.RecordId.CompareTo(b.RecordId);
        if (c == 0) c = string.CompareOrdinal(a.RuleId, b.RuleId);
        if (c == 0) c = string.CompareOrdinal(a.Kind, b.Kind);
        return c;
    }
}

/// <summary>One process in an ancestry chain.</summary>
public sealed record ProcessStep(string Image, string? CommandLine, long? ProcessId, string? User, DateTime? Time);

/// <summary>A pointer back to an event in the evidence.</summary>
public sealed record EventRef(DateTime Timestamp, string Computer, string File, long RecordId, int EventId, string Channel)
{
    public static EventRef From(WinEvent e) => new(e.TimeCreated, e.Computer, e.Origin.File, e.RecordId, e.EventId, e.Channel);
}
