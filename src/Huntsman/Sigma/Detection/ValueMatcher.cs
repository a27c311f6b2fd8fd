namespace Huntsman.Sigma.Detection;

/// <summary>Tests one field value against one compiled Sigma value.</summary>
internal abstract class ValueMatcher
{
    /// <param name="value">The field's characters (empty when absent).</param>
    /// <param name="present">False when the event has no such field (Sigma's null).</param>
    public abstract bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope);

    /// <summary>An exact numeric literal this matcher requires (for EventID indexing), if any.</summary>
    public virtual long? ExactInteger => null;

    /// <summary>Text every matching value contains (compared case-insensitively), if there is such text.</summary>
    public virtual string? RequiredLiteral => null;

    /// <summary>Where <see cref="RequiredLiteral"/> must occur in a matching value.</summary>
    public virtual LiteralPosition RequiredPosition => LiteralPosition.Anywhere;
}
