namespace Huntsman.Noise.Coverage;

/// <summary>A log-cleared event: Security 1102 (the Security log) or System 104 (any other log).</summary>
public sealed record LogCleared(string Host, string Channel, int EventId, DateTime Time, long RecordId, string ClearedLog, string? User, string File);
