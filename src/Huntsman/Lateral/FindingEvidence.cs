namespace Huntsman.Lateral;

/// <summary>One event behind a finding.</summary>
public sealed record FindingEvidence(string Host, DateTime Time, string File, long RecordId, int EventId, string Summary);
