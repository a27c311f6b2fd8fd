namespace Huntsman.Report.Html;

/// <summary>One item an allowlist entry suppressed: the entry, its reason, and what was suppressed.</summary>
public sealed record SuppressedItem(string EntryId, string Reason, string Kind, string What);
