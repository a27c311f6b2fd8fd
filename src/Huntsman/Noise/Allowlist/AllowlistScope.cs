namespace Huntsman.Noise.Allowlist;

/// <summary>
/// Where an entry applies: finding kinds, rule ids, rule tags and hosts ('*' wildcards allowed).
/// Each list left empty means "any"; all given lists must hold.
/// </summary>
public sealed record AllowlistScope(IReadOnlyList<string> Kinds, IReadOnlyList<string> Rules, IReadOnlyList<string> Tags, IReadOnlyList<string> Hosts)
{
    /// <summary>Finding kinds an entry may name: Sigma detections, correlations, lateral-movement findings, baseline anomalies.</summary>
    public static readonly IReadOnlyList<string> KnownKinds = ["sigma", "correlation", "lateral_movement", "anomaly"];

    public static readonly AllowlistScope Any = new([], [], [], []);

    public bool Covers(AllowlistSubject subject)
    {
        if (Kinds.Count > 0 && !Kinds.Contains(subject.Kind, StringComparer.OrdinalIgnoreCase)) return false;
        if (Rules.Count > 0 && (subject.RuleId is null || !Rules.Contains(subject.RuleId, StringComparer.OrdinalIgnoreCase))) return false;
        if (Tags.Count > 0 && !subject.Tags.Any(t => Tags.Contains(t, StringComparer.OrdinalIgnoreCase))) return false;
        if (Hosts.Count > 0 && !subject.Hosts.Any(h => Hosts.Any(pattern => Stack.Glob.IsMatch(h, pattern)))) return false;
        return true;
    }
}
