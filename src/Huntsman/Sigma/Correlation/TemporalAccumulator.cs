namespace Huntsman.Sigma.Correlation;

/// <summary>
/// temporal: how many of the referenced rules (slots) have at least one detection in the window; a
/// string condition is evaluated over which rules are present.
/// </summary>
internal sealed class TemporalAccumulator : WindowAccumulator
{
    private readonly int[] perSlot;
    /// <summary>For a string condition: the index in its references of each slot's rule.</summary>
    private readonly int[] referenceOfSlot = [];
    private int present;

    public TemporalAccumulator(CorrelationRule rule)
    {
        perSlot = new int[rule.Rules.Count];
        if (rule.Condition.Expression is { } expression)
        {
            var references = expression.References;
            referenceOfSlot = rule.Rules
                .Select(r => Enumerable.Range(0, references.Count).First(i => references[i].Equals(r, StringComparison.OrdinalIgnoreCase)))
                .ToArray();
        }
    }

    public override bool Satisfies(CorrelationCondition condition)
    {
        if (condition.Expression is not { } expression) return base.Satisfies(condition);
        Span<bool> presentRules = stackalloc bool[expression.References.Count];
        for (int slot = 0; slot < perSlot.Length; slot++)
            if (perSlot[slot] > 0) presentRules[referenceOfSlot[slot]] = true;
        return expression.Evaluate(presentRules);
    }

    public override void Add(int index, in Observation o)
    {
        if (perSlot[o.Slot]++ == 0) present++;
    }

    public override void Remove(int index, in Observation o)
    {
        if (--perSlot[o.Slot] == 0) present--;
    }

    public override double Value => present;

    public override void Clear()
    {
        Array.Clear(perSlot);
        present = 0;
    }
}
