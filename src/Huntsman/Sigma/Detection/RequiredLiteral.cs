namespace Huntsman.Sigma.Detection;

/// <summary>
/// Text that must occur (case-insensitively) in a field's value for a condition to be true; a rule's
/// set of these drives the literal prefilter (the rule runs only if one of them is found).
/// </summary>
/// <param name="Field">The field; null for keywords (any payload field).</param>
/// <param name="Position">Where in the value the text must be: the prefilter then looks only there.</param>
internal readonly record struct RequiredLiteral(FieldAccessor? Field, string Text, LiteralPosition Position = LiteralPosition.Anywhere);

/// <summary>Where a required literal must occur in its field's value.</summary>
internal enum LiteralPosition
{
    Anywhere,
    Start,
    End,
    Whole,
}
