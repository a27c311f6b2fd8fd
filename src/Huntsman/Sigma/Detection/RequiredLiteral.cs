namespace Huntsman.Sigma.Detection;

/// <summary>
/// Text that must occur (case-insensitively) in a field's value for a condition to be true; a rule's
/// set of these drives the literal prefilter (the rule runs only if one of them is found).
/// </summary>
/// <param name="Field">The field; null for keywords (any payload field).</param>
internal readonly record struct RequiredLiteral(FieldAccessor? Field, string Text);
