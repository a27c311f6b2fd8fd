namespace Huntsman.Noise.Allowlist;

/// <summary>One item an allowlist entry suppressed (or would have, had it not expired).</summary>
public sealed record Suppression(AllowlistEntry Entry, AllowlistSubject Subject, bool Expired);
