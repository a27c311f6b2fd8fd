using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// One detection as one correlation sees it: which of its rule slots matched, the group it falls in
/// and the value it contributes, all resolved when observed so evaluation never looks fields up again.
/// </summary>
/// <param name="Anchor">The event (or, for a chained correlation, the last event of <paramref name="Inner"/>) that places it in time.</param>
/// <param name="Slot">Index into the correlation's <c>rules</c> list.</param>
/// <param name="GroupKey">The group-by values, encoded by <see cref="GroupKey"/>.</param>
/// <param name="Distinct">value_count: the (encoded) value of the condition field(s).</param>
/// <param name="Number">value_sum/avg/percentile/median: the numeric value of the condition field.</param>
/// <param name="Inner">The match of a referenced correlation, when this observation comes from a chain.</param>
internal readonly record struct Observation(
    DateTime Time, WinEvent Anchor, int Slot, string GroupKey, string? Distinct, double Number, CorrelationMatch? Inner)
{
    /// <summary>Same event, same place: the same detection seen through two rules or references.</summary>
    public bool IsSameSource(in Observation other) =>
        ReferenceEquals(Anchor, other.Anchor) && ReferenceEquals(Inner, other.Inner);
}
