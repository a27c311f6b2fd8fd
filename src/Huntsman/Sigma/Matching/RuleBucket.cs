using Huntsman.Events;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// The rules that can match one (channel, EventID): rules whose condition needs one of a set of
/// literals run only when the literal prefilter found one; the others always run. Rules run in load
/// order, so hits are deterministic.
/// </summary>
internal sealed class RuleBucket
{
    private readonly RuleEntry[] _entries;
    private readonly bool[] _filtered;
    private readonly LiteralSearch[] _searches;

    public RuleBucket(RuleEntry[] entries)
    {
        _entries = entries;
        _filtered = new bool[entries.Length];
        var byField = new Dictionary<FieldAccessor, List<(string, int)>>();
        var keywords = new List<(string, int)>();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Condition.RequiredLiterals() is not { Count: > 0 } literals) continue;
            _filtered[i] = true;
            foreach (var lit in literals)
            {
                if (lit.Field is null) { keywords.Add((lit.Text, i)); continue; }
                if (!byField.TryGetValue(lit.Field, out var list)) byField[lit.Field] = list = new();
                list.Add((lit.Text, i));
            }
        }
        var searches = byField.Select(kv => new LiteralSearch(kv.Key, kv.Value)).ToList();
        if (keywords.Count > 0) searches.Add(new LiteralSearch(null, keywords));
        _searches = searches.ToArray();
    }

    public int Count => _entries.Length;

    public void Run(EventScope scope, WinEvent e, List<RuleHit> hits)
    {
        if (_entries.Length == 0) return;
        var marks = scope.Marks(_entries.Length, out int generation);
        foreach (var search in _searches) search.Mark(scope, marks, generation);
        for (int i = 0; i < _entries.Length; i++)
            if ((!_filtered[i] || marks[i] == generation) && _entries[i].Evaluate(scope))
                hits.Add(new RuleHit(_entries[i].Rule, e));
    }
}
