namespace Huntsman.Sigma.Detection;

internal sealed class AndNode(ConditionNode[] children) : ConditionNode
{
    public ConditionNode[] Children { get; } = children;

    public override bool Evaluate(EventScope scope)
    {
        foreach (var c in Children) if (!c.Evaluate(scope)) return false;
        return true;
    }

    public override void CollectFields(List<FieldRef> into) { foreach (var c in Children) c.CollectFields(into); }

    // Any conjunct's constraint holds for the whole AND; take the narrowest.
    public override HashSet<int>? RequiredEventIds()
    {
        HashSet<int>? best = null;
        foreach (var c in Children)
            if (c.RequiredEventIds() is { } ids && (best is null || ids.Count < best.Count)) best = ids;
        return best;
    }

    // Any conjunct's literals are necessary for the AND; take the most selective.
    public override List<RequiredLiteral>? RequiredLiterals(IReadOnlySet<int>? eventIds = null)
    {
        List<RequiredLiteral>? best = null;
        foreach (var c in Children)
            if (c.RequiredLiterals(eventIds) is { } lits && Strength(lits) > Strength(best)) best = lits;
        return best;
    }
}

internal sealed class OrNode(ConditionNode[] children) : ConditionNode
{
    public ConditionNode[] Children { get; } = children;

    public override bool Evaluate(EventScope scope)
    {
        foreach (var c in Children) if (c.Evaluate(scope)) return true;
        return false;
    }

    public override void CollectFields(List<FieldRef> into) { foreach (var c in Children) c.CollectFields(into); }

    // Constrained only when every branch is.
    public override HashSet<int>? RequiredEventIds()
    {
        var all = new HashSet<int>();
        foreach (var c in Children)
        {
            if (c.RequiredEventIds() is not { } ids) return null;
            all.UnionWith(ids);
        }
        return Children.Length == 0 ? null : all;
    }

    // Every branch that can be true for these events must bring literals (e.g. a 4776 branch is left out for 4624 events).
    public override List<RequiredLiteral>? RequiredLiterals(IReadOnlySet<int>? eventIds = null)
    {
        var all = new List<RequiredLiteral>();
        foreach (var c in Children)
        {
            if (eventIds is not null && c.RequiredEventIds() is { } needed && !needed.Overlaps(eventIds)) continue;
            if (c.RequiredLiterals(eventIds) is not { } lits) return null;
            all.AddRange(lits);
        }
        return all.Count == 0 ? null : all;
    }
}

internal sealed class NotNode(ConditionNode child) : ConditionNode
{
    public ConditionNode Child { get; } = child;
    public override bool Evaluate(EventScope scope) => !Child.Evaluate(scope);
    public override void CollectFields(List<FieldRef> into) => Child.CollectFields(into);
}
