namespace Huntsman.Noise.Coverage;

/// <summary>
/// Rules that can never fire because the evidence lacks the telemetry their logsource reads: the
/// logsource as the rule names it, the feeds it would need, how many rules, and the advice to fix it.
/// </summary>
public sealed record RuleBlindSpot(string LogSource, string Needs, int Rules, IReadOnlyList<string> ExampleRuleIds, string Advice)
{
    public override string ToString() => $"no {Needs}: {Rules} {LogSource} rule{(Rules == 1 ? "" : "s")} blind — {Advice}";
}
