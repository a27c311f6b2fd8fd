namespace Huntsman.Noise.Baseline;

public enum BaselineStatus
{
    /// <summary>The event shows no behaviour the baseline learns (e.g. a registry event).</summary>
    NotApplicable,
    /// <summary>Every behaviour of the event is in the baseline.</summary>
    Seen,
    /// <summary>At least one behaviour of the event was never seen while learning.</summary>
    Unseen,
}

/// <summary>
/// What a baseline says about a detection: seen or not, the level to report (one lower when seen,
/// unless the rule carries <see cref="BaselineJudge.NoLoweringTag"/>), and why.
/// </summary>
public sealed record BaselineVerdict(BaselineStatus Status, string Level, bool Lowered, string Explanation, IReadOnlyList<Behaviour> Behaviours)
{
    /// <summary>"seen", "unseen", or null when the baseline has nothing to say (for the detection's <c>baseline</c> field).</summary>
    public string? Label => Status switch { BaselineStatus.Seen => "seen", BaselineStatus.Unseen => "unseen", _ => null };
}
