namespace Huntsman.Sigma.Detection;

/// <summary>A node of a compiled rule condition, evaluated against one event.</summary>
internal abstract class ConditionNode
{
    public abstract bool Evaluate(EventScope scope);

    /// <summary>Adds the fields this node reads (for hit output and indexing).</summary>
    public virtual void CollectFields(List<FieldRef> into) { }

    /// <summary>
    /// EventIDs one of which an event must have for this node to be true, or null when unconstrained
    /// (used to index rules by EventID).
    /// </summary>
    public virtual HashSet<int>? RequiredEventIds() => null;

    /// <summary>
    /// Literals one of which must occur in its field for this node to be true, or null when no such
    /// set is known (negations, regexes, numbers, keywords, …). With <paramref name="eventIds"/>, only for events with
    /// one of those EventIDs: a branch that needs another EventID cannot be the one that is true.
    /// </summary>
    public virtual List<RequiredLiteral>? RequiredLiterals(IReadOnlySet<int>? eventIds = null) => null;

    /// <summary>
    /// How selective a literal set is, from its weakest literal: longer is rarer, and any literal that is part of text
    /// most events hold (<see cref="CommonText"/>) is weaker than every other; 0 for none.
    /// </summary>
    public static int Strength(List<RequiredLiteral>? literals) =>
        literals is null || literals.Count == 0 ? 0 : literals.Min(l => CommonText.Contains(l.Text) ? Math.Min(l.Text.Length, 63) : l.Text.Length * 64);
}
