namespace Huntsman.Sigma.Detection;

/// <summary>How a detection item reads its field: the field, else a logsource-mapped fallback (ThreatName for Signature, …).</summary>
internal sealed record FieldAccessor(FieldRef Field, FieldRef? Fallback)
{
    public string? Value(EventScope scope)
    {
        var value = scope.Get(Field);
        return value is null && Fallback is not null ? scope.Get(Fallback) : value;
    }
}
