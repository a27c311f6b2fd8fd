namespace Huntsman.Noise.Allowlist;

/// <summary>
/// Allowlists that cannot be used, with every problem found (all files are checked before giving up).
/// Loading is all-or-nothing: when this is thrown no entry of any file is in force.
/// </summary>
public sealed class AllowlistLoadException(IReadOnlyList<AllowlistError> errors)
    : Exception($"allowlist not loaded ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):{Environment.NewLine}" +
                string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<AllowlistError> Errors { get; } = errors;
}
