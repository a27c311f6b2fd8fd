namespace Huntsman.Lateral;

/// <summary>A malformed allowlist file; the message starts with file:line:column.</summary>
public sealed class AllowlistException(string message) : Exception(message);
