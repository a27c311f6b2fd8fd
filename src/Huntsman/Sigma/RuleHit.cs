using Huntsman.Events;

namespace Huntsman.Sigma;

/// <summary>A rule that matched an event.</summary>
public readonly record struct RuleHit(SigmaRule Rule, WinEvent Event)
{
    /// <summary>The event fields the rule's detection names, with their values (absent fields left out).</summary>
    public IReadOnlyList<EventField> Fields()
    {
        var list = new List<EventField>(Rule.DetectionFields.Count);
        foreach (var name in Rule.DetectionFields)
            if (Detection.EventScope.Lookup(Event, name) is { } v) list.Add(new EventField(name, v));
        return list;
    }
}
