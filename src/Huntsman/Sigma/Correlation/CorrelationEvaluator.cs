using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// Runs one correlation over its observations in evaluation order, one sliding window per group.
/// The window ending at an observation at time t holds the group's observations in [t − timespan, t]
/// (both ends inclusive). A condition with only lower bounds (gt/gte) fires as soon as it holds; any
/// other condition is judged on each window that can no longer grow (the next observation would push
/// its oldest out, or the data ends). After a firing the window starts afresh, so the next match of
/// that group is built only from later observations. See docs/sigma-correlations.md.
/// </summary>
internal sealed class CorrelationEvaluator
{
    private sealed class GroupWindow(WindowAccumulator accumulator)
    {
        public readonly Queue<int> Members = new();
        public readonly WindowAccumulator Accumulator = accumulator;
        public DateTime LastTime;
    }

    private const int MinimumSweepThreshold = 1024;
    private const int MaxLookBack = 64;

    private readonly CorrelationPlan plan;
    private readonly CorrelationRule rule;
    private readonly bool firesOnRise;
    private readonly bool dedupeEvents;
    private readonly Dictionary<string, GroupWindow> groups = new(StringComparer.Ordinal);
    private readonly List<CorrelationMatch> matches = [];
    private List<Observation> observations = [];
    private int live, sweepThreshold = MinimumSweepThreshold;

    public CorrelationEvaluator(CorrelationPlan plan)
    {
        this.plan = plan;
        rule = plan.Rule;
        firesOnRise = rule.Condition.FiresOnRise;
        // Counting types count an event once even when two referenced rules matched it (as OR-ed base queries would).
        dedupeEvents = rule.Type is not (CorrelationType.Temporal or CorrelationType.TemporalOrdered);
    }

    /// <summary>The observations in evaluation order; indexes into it name observations everywhere below.</summary>
    private Span<Observation> Sorted => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(observations);

    public List<CorrelationMatch> Run(List<Observation> sortedObservations)
    {
        observations = sortedObservations;
        var sorted = Sorted;
        var stats = plan.Statistics;
        for (int i = 0; i < sorted.Length; i++)
        {
            ref readonly var o = ref sorted[i];
            if (dedupeEvents && RepeatsEarlierSource(i)) { stats.Duplicates++; continue; }
            var cutoff = WindowStart(o.Time);
            if (!groups.TryGetValue(o.GroupKey, out var group))
            {
                if (groups.Count >= sweepThreshold) SweepIdleGroups(cutoff);
                groups[o.GroupKey] = group = new GroupWindow(WindowAccumulator.For(rule));
                stats.PeakGroups = Math.Max(stats.PeakGroups, groups.Count);
            }

            if (group.Members.Count > 0 && sorted[group.Members.Peek()].Time < cutoff)
            {
                // This observation pushes the oldest out: the window as it stands can no longer grow.
                if (!firesOnRise) Settle(group);
                while (group.Members.Count > 0 && sorted[group.Members.Peek()].Time < cutoff)
                {
                    int gone = group.Members.Dequeue();
                    group.Accumulator.Remove(gone, sorted[gone]);
                    live--;
                }
            }

            group.Members.Enqueue(i);
            group.Accumulator.Add(i, o);
            group.LastTime = o.Time;
            live++;
            stats.PeakWindow = Math.Max(stats.PeakWindow, group.Members.Count);
            stats.PeakLiveObservations = Math.Max(stats.PeakLiveObservations, live);
            if (firesOnRise) Settle(group);
        }

        if (!firesOnRise)
            foreach (var group in groups.Values) Settle(group);
        groups.Clear();
        stats.Matches = matches.Count;
        return matches;
    }

    private DateTime WindowStart(DateTime end) =>
        end.Ticks - rule.Timespan.Ticks <= 0 ? DateTime.MinValue : end - rule.Timespan;

    /// <summary>Fires when the window's value meets the condition, then starts the group's window afresh.</summary>
    private void Settle(GroupWindow group)
    {
        if (group.Members.Count == 0) return;
        if (!group.Accumulator.Satisfies(rule.Condition)) return;
        matches.Add(BuildMatch(group, group.Accumulator.Value));
        live -= group.Members.Count;
        group.Members.Clear();
        group.Accumulator.Clear();
    }

    /// <summary>Groups whose every observation is older than the current window start can only settle; drop them.</summary>
    private void SweepIdleGroups(DateTime cutoff)
    {
        foreach (var (key, group) in groups)
        {
            if (group.LastTime >= cutoff) continue;
            if (!firesOnRise) Settle(group);
            live -= group.Members.Count;
            groups.Remove(key);
        }
        sweepThreshold = Math.Max(MinimumSweepThreshold, groups.Count * 2);
    }

    /// <summary>
    /// True when an earlier observation at the same place came from the same event (another rule matched
    /// it too). Such observations sit together; the look-back is capped so that evidence where many
    /// events claim one place cannot make this quadratic.
    /// </summary>
    private bool RepeatsEarlierSource(int i)
    {
        var sorted = Sorted;
        int stop = Math.Max(0, i - MaxLookBack);
        for (int j = i - 1; j >= stop && ObservationOrder.SamePlace(sorted[j], sorted[i]); j--)
            if (sorted[j].IsSameSource(sorted[i])) return true;
        return false;
    }

    private CorrelationMatch BuildMatch(GroupWindow group, double value)
    {
        var contributors = group.Accumulator.Contributors() ?? [.. group.Members];
        var events = new List<WinEvent>(contributors.Count);
        var inner = new List<CorrelationMatch>();
        var sorted = Sorted;
        foreach (int index in contributors)
        {
            ref readonly var o = ref sorted[index];
            if (o.Inner is null) events.Add(o.Anchor);
            else
            {
                inner.Add(o.Inner);
                events.AddRange(o.Inner.Events);
            }
        }
        if (inner.Count > 0 || rule.Type is CorrelationType.Temporal or CorrelationType.TemporalOrdered)
            events = DistinctInOrder(events);

        var names = rule.GroupBy;
        var values = GroupKey.Decode(sorted[contributors[0]].GroupKey, names.Count);
        var pairs = new KeyValuePair<string, string>[names.Count];
        for (int k = 0; k < pairs.Length; k++) pairs[k] = new(names[k], values[k]);
        return new CorrelationMatch(rule, events[0].TimeCreated, events[^1].TimeCreated, pairs, events, value)
        {
            InnerMatches = inner,
        };
    }

    /// <summary>One event may reach a window twice (two rules matched it, or through nested matches).</summary>
    private static List<WinEvent> DistinctInOrder(List<WinEvent> events)
    {
        var seen = new HashSet<WinEvent>(ReferenceEqualityComparer.Instance);
        var distinct = new List<WinEvent>(events.Count);
        foreach (var e in events)
            if (seen.Add(e)) distinct.Add(e);
        distinct.Sort(ObservationOrder.CompareEvents);
        return distinct;
    }
}
