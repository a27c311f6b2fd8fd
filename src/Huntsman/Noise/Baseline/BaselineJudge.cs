using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Applies a baseline to detections: a detection whose behaviour (all of it: the parent/child pair
/// and the command-line shape for a process start) was seen while learning is marked seen and lowered
/// one level, unless its rule is tagged <see cref="NoLoweringTag"/>.
/// </summary>
public static class BaselineJudge
{
    public const string NoLoweringTag = "huntsman.no-baseline-lowering";

    public static BaselineVerdict Apply(BehaviourBaseline baseline, Detection detection) =>
        detection.Event is null
            ? new BaselineVerdict(BaselineStatus.NotApplicable, detection.Level, false, "no event to compare", [])
            : Apply(baseline, detection.Event, detection.Level, detection.Tags);

    public static BaselineVerdict Apply(BehaviourBaseline baseline, WinEvent e, string level, IReadOnlyList<string> tags)
    {
        var behaviours = new List<Behaviour>(2);
        BehaviourExtractor.Extract(e, behaviours);
        if (behaviours.Count == 0)
            return new BaselineVerdict(BaselineStatus.NotApplicable, level, false, "the baseline does not learn this kind of event", behaviours);
        foreach (var b in behaviours)
        {
            if (baseline.Find(b) is null)
            {
                var category = baseline[b.Kind];
                return new BaselineVerdict(BaselineStatus.Unseen, level, false,
                    $"not in the baseline: {b.Description} was seen 0 times in {category.Observations:N0} {BehaviourKinds.Unit(b.Kind)}", behaviours);
            }
        }
        var first = baseline.Find(behaviours[0])!;
        var why = $"in the baseline: {behaviours[0].Description} was seen {first.Count:N0} times on {first.HostCount} host{(first.HostCount == 1 ? "" : "s")}";
        bool forbidden = tags.Any(t => t.Equals(NoLoweringTag, StringComparison.OrdinalIgnoreCase));
        if (forbidden) return new BaselineVerdict(BaselineStatus.Seen, level, false, why + $"; level kept (rule tagged {NoLoweringTag})", behaviours);
        var lowered = Lower(level);
        return new BaselineVerdict(BaselineStatus.Seen, lowered, lowered != level, why, behaviours);
    }

    /// <summary>One level down (critical → high … low → informational); informational and unknown levels stay.</summary>
    public static string Lower(string level)
    {
        int i = Array.FindIndex(Levels.Ordered, l => l.Equals(level, StringComparison.OrdinalIgnoreCase));
        return i > 0 ? Levels.Ordered[i - 1] : level;
    }
}
