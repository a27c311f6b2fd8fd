namespace Huntsman.Sigma.Detection;

/// <summary>Tests one field value (null when the field is absent) against one compiled Sigma value.</summary>
internal abstract class ValueMatcher
{
    public abstract bool Matches(string? value, EventScope scope);

    /// <summary>An exact numeric literal this matcher requires (for EventID indexing), if any.</summary>
    public virtual long? ExactInteger => null;

    /// <summary>Text every matching value contains (compared case-insensitively), if there is such text.</summary>
    public virtual string? RequiredLiteral => null;
}
