using Huntsman.Events;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// Evaluates correlation rules over the detections of the rules they reference. Detections may be
/// observed in any order (many threads, many files); results depend only on the events' times and
/// places. Correlations may reference other correlations: those run first and feed their matches in.
/// </summary>
public sealed class CorrelationEngine
{
    private readonly CorrelationPlan[] plans;
    /// <summary>Base-rule reference (id or name) → the correlation slots it feeds.</summary>
    private readonly Dictionary<string, List<(CorrelationPlan Plan, int Slot)>> routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> suppressedRules = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<CorrelationPlan> evaluationOrder = [];
    private readonly List<string> problems = [];
    private IReadOnlyList<CorrelationMatch>? results;

    public CorrelationEngine(IReadOnlyList<CorrelationRule> rules)
    {
        Rules = rules;
        plans = rules.Select(r => new CorrelationPlan(r)).ToArray();
        var byReference = IndexByIdAndName();
        LinkReferences(byReference);
        OrderChildrenFirst();
        foreach (var (reference, targets) in routes)
            if (targets.RemoveAll(t => t.Plan.Problem is not null) > 0 && targets.Count == 0) routes.Remove(reference);
        ReferencedRules = routes.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
        ApplyGenerate();
    }

    public IReadOnlyList<CorrelationRule> Rules { get; }

    /// <summary>Ids and names of the (non-correlation) rules whose detections feed a correlation.</summary>
    public IReadOnlySet<string> ReferencedRules { get; }

    /// <summary>Rules that could not be set up (duplicate id/name, reference cycle), as <c>file:line:col: message</c>.</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>What each correlation observed and how large its state grew, in the order of <see cref="Rules"/>.</summary>
    public IReadOnlyList<CorrelationStatistics> Statistics => plans.Select(p => p.Statistics).ToArray();

    /// <summary>
    /// True when a correlation with <c>generate: false</c> (the default) references this rule, so hunt
    /// should not output the rule's own detections. Like pySigma, one such correlation is enough.
    /// </summary>
    public bool SuppressesOutputOf(string ruleId, string? ruleName) =>
        suppressedRules.Contains(ruleId) || (ruleName is not null && suppressedRules.Contains(ruleName));

    /// <summary>Records that the rule with this id (and optional name) matched the event. Thread-safe.</summary>
    public void Observe(string ruleId, string? ruleName, WinEvent e)
    {
        if (results is not null) throw new InvalidOperationException("Observe was called after Finish");
        if (routes.TryGetValue(ruleId, out var byId))
            foreach (var (plan, slot) in byId) plan.TryObserve(slot, ruleId, ruleName, e, null);
        if (ruleName is not null && !string.Equals(ruleName, ruleId, StringComparison.OrdinalIgnoreCase) && routes.TryGetValue(ruleName, out var byName))
            foreach (var (plan, slot) in byName) plan.TryObserve(slot, ruleId, ruleName, e, null);
    }

    /// <summary>
    /// Evaluates all correlations once every event has been observed (referenced correlations first),
    /// and returns the matches of those whose output is not suppressed, sorted by end, start, rule and group.
    /// Calling it again returns the same list.
    /// </summary>
    public IReadOnlyList<CorrelationMatch> Finish()
    {
        if (results is not null) return results;
        var output = new List<CorrelationMatch>();
        foreach (var plan in evaluationOrder)
        {
            var matches = new CorrelationEvaluator(plan).Run(plan.TakeSorted());
            foreach (var match in matches)
                foreach (var (parent, slot) in plan.Parents)
                    parent.TryObserve(slot, plan.Rule.Id, plan.Rule.Name, match.Events[^1], match);
            if (!plan.OutputSuppressed) output.AddRange(matches);
        }
        output.Sort(CompareMatches);
        return results = output;
    }

    private Dictionary<string, CorrelationPlan> IndexByIdAndName()
    {
        var byReference = new Dictionary<string, CorrelationPlan>(StringComparer.OrdinalIgnoreCase);
        foreach (var plan in plans)
            foreach (var reference in new[] { plan.Rule.Id, plan.Rule.Name })
            {
                if (reference is null) continue;
                if (byReference.TryGetValue(reference, out var first) && first != plan)
                    problems.Add($"{plan.Rule.Location}: correlation id or name '{reference}' is already used by {first.Rule.Location}; references go to the first");
                else byReference[reference] = plan;
            }
        return byReference;
    }

    /// <summary>References to another correlation chain to it; every other reference is a base rule that hunt feeds.</summary>
    private void LinkReferences(Dictionary<string, CorrelationPlan> byReference)
    {
        foreach (var plan in plans)
        {
            var rule = plan.Rule;
            for (int slot = 0; slot < rule.Rules.Count; slot++)
            {
                var reference = rule.Rules[slot];
                if (byReference.TryGetValue(reference, out var child))
                {
                    child.Parents.Add((plan, slot));
                    continue;
                }
                if (!routes.TryGetValue(reference, out var targets)) routes[reference] = targets = [];
                targets.Add((plan, slot));
            }
        }
    }

    /// <summary>Only correlations that run may hide what they reference: a broken one must not swallow detections.</summary>
    private void ApplyGenerate()
    {
        foreach (var plan in plans)
        {
            if (plan.Problem is not null || plan.Rule.Generate) continue;
            foreach (var reference in plan.Rule.Rules)
                if (routes.ContainsKey(reference)) suppressedRules.Add(reference);
        }
        foreach (var plan in plans)
            plan.OutputSuppressed = plan.Parents.Exists(p => p.Parent.Problem is null && !p.Parent.Rule.Generate);
    }

    /// <summary>Depth-first: a correlation runs after every correlation it references. Cycles disable their members.</summary>
    private void OrderChildrenFirst()
    {
        var children = plans.ToDictionary(p => p, _ => new List<CorrelationPlan>());
        foreach (var plan in plans)
            foreach (var (parent, _) in plan.Parents) children[parent].Add(plan);

        var state = new Dictionary<CorrelationPlan, int>(); // 1 = visiting, 2 = done
        var path = new List<CorrelationPlan>();
        foreach (var plan in plans) Visit(plan);

        void Visit(CorrelationPlan plan)
        {
            if (state.TryGetValue(plan, out var s))
            {
                if (s == 1) DisableCycle(path, plan);
                return;
            }
            state[plan] = 1;
            path.Add(plan);
            foreach (var child in children[plan]) Visit(child);
            path.RemoveAt(path.Count - 1);
            state[plan] = 2;
            if (plan.Problem is null && children[plan].TrueForAll(c => c.Problem is null)) evaluationOrder.Add(plan);
            else if (plan.Problem is null)
            {
                plan.Problem = "it references a correlation that cannot run";
                problems.Add($"{plan.Rule.Location}: correlation '{plan.Rule.Title}' is not evaluated: it references a correlation that cannot run");
            }
        }
    }

    private void DisableCycle(List<CorrelationPlan> path, CorrelationPlan start)
    {
        var cycle = path.GetRange(path.IndexOf(start), path.Count - path.IndexOf(start));
        var names = string.Join(" → ", cycle.Append(start).Select(p => p.Rule.Name ?? p.Rule.Id ?? p.Rule.Title));
        foreach (var member in cycle)
        {
            if (member.Problem is not null) continue;
            member.Problem = $"reference cycle {names}";
            problems.Add($"{member.Rule.Location}: correlation '{member.Rule.Title}' is not evaluated: reference cycle {names}");
        }
    }

    private static int CompareMatches(CorrelationMatch x, CorrelationMatch y)
    {
        int c = x.End.CompareTo(y.End);
        if (c == 0) c = x.Start.CompareTo(y.Start);
        if (c == 0) c = string.CompareOrdinal(x.Rule.Title, y.Rule.Title);
        if (c == 0) c = string.CompareOrdinal(x.Rule.Location, y.Rule.Location);
        for (int i = 0; c == 0 && i < x.Group.Count && i < y.Group.Count; i++) c = string.CompareOrdinal(x.Group[i].Value, y.Group[i].Value);
        return c;
    }
}
