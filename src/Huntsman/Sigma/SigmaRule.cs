using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma;

/// <summary>A loaded Sigma detection rule: metadata plus its compiled condition.</summary>
public sealed class SigmaRule
{
    public string Title { get; init; } = "";
    public string? Id { get; init; }
    /// <summary>The spec's unique <c>name</c>; correlations refer to rules by id or name.</summary>
    public string? Name { get; init; }
    public string Status { get; init; } = "";
    public RuleLevel Level { get; init; } = RuleLevel.Unknown;
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>ATT&amp;CK technique ids (T1059, T1059.001) parsed from <c>attack.tNNNN[.NNN]</c> tags.</summary>
    public IReadOnlyList<string> Techniques { get; init; } = [];
    public LogSource LogSource { get; init; } = new(null, null, null);
    public string Description { get; init; } = "";
    public string Author { get; init; } = "";
    public string? Date { get; init; }
    public IReadOnlyList<string> FalsePositives { get; init; } = [];
    public string File { get; init; } = "";
    public int Line { get; init; }

    /// <summary>The compiled condition, without Sigma filters (a RuleMatcher ANDs those on).</summary>
    internal ConditionNode Condition { get; init; } = null!;
    /// <summary>Where this logsource's events live; empty when Huntsman has no matching telemetry.</summary>
    internal IReadOnlyList<Matching.LogsourceTarget> Targets { get; init; } = [];
    public bool HasTelemetry => Targets.Count > 0;
    /// <summary>Event fields named in the detection, in first-use order (for hit output).</summary>
    public IReadOnlyList<string> DetectionFields { get; init; } = [];

    private long _regexTimeouts;
    /// <summary>Regex evaluations of this rule that hit the match timeout (counted as non-matches).</summary>
    public long RegexTimeouts => Interlocked.Read(ref _regexTimeouts);
    internal void CountRegexTimeout() => Interlocked.Increment(ref _regexTimeouts);

    public override string ToString() => $"{Title} ({Id ?? Name ?? File})";
}
