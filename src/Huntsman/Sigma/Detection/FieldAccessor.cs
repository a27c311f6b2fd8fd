namespace Huntsman.Sigma.Detection;

/// <summary>How a detection item reads its field: the field, else a logsource-mapped fallback (ThreatName for Signature, …).</summary>
internal sealed record FieldAccessor(FieldRef Field, FieldRef? Fallback)
{
    /// <summary>The value's characters (see <see cref="EventScope.TryGetChars"/>); false when neither field is present.</summary>
    public bool TryChars(EventScope scope, out ReadOnlySpan<char> chars) =>
        scope.TryGetChars(Field, out chars) || (Fallback is not null && scope.TryGetChars(Fallback, out chars));
}
