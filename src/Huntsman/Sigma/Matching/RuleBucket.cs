using System.Numerics;
using Huntsman.Events;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// The rules that can match one (channel, EventID): rules whose condition needs one of a set of
/// literals (<see cref="ConditionNode.RequiredLiterals"/>) run only when the literal prefilter found one; the others
/// always run. Rules run in load order, so hits are deterministic. Requiring the literals of a second and third AND
/// part as well was measured: it removed evaluations, but searching for their literals cost as much as it saved.
/// </summary>
internal sealed class RuleBucket
{
    private readonly RuleEntry[] _entries;
    private readonly ulong[] _unfiltered; // bit i: entry i runs whatever the prefilter finds
    private readonly LiteralSearch[] _searches;

    /// <param name="eventIds">The EventIDs of the events this bucket sees; null for any.</param>
    public RuleBucket(RuleEntry[] entries, IReadOnlySet<int>? eventIds = null)
    {
        _entries = entries;
        _unfiltered = new ulong[(entries.Length + 63) / 64];
        var byField = new Dictionary<FieldAccessor, List<(string, LiteralPosition, int)>>();
        var keywords = new List<(string, LiteralPosition, int)>();
        for (int i = 0; i < entries.Length; i++)
        {
            if (entries[i].Condition.RequiredLiterals(eventIds) is not { Count: > 0 } literals)
            {
                _unfiltered[i >> 6] |= 1UL << i;
                continue;
            }
            foreach (var lit in literals)
            {
                // Keywords are searched over all payload text joined, where a position means nothing.
                if (lit.Field is null) { keywords.Add((lit.Text, LiteralPosition.Anywhere, i)); continue; }
                if (!byField.TryGetValue(lit.Field, out var list)) byField[lit.Field] = list = new();
                list.Add((lit.Text, lit.Position, i));
            }
        }
        var searches = byField.Select(kv => new LiteralSearch(kv.Key, kv.Value)).ToList();
        if (keywords.Count > 0) searches.Add(new LiteralSearch(null, keywords));
        _searches = searches.ToArray();
    }

    public void Run(EventScope scope, WinEvent e, List<RuleHit> hits)
    {
        if (_entries.Length == 0) return;
        // Candidates as a bitset: rules run in load order, and a big bucket costs one word per 64 rules, not a test per rule.
        var candidates = scope.Candidates(_unfiltered.Length);
        _unfiltered.CopyTo(candidates, 0);
        foreach (var search in _searches) search.Mark(scope, candidates);
        for (int w = 0; w < _unfiltered.Length; w++)
            for (ulong word = candidates[w]; word != 0; word &= word - 1)
            {
                var entry = _entries[w * 64 + BitOperations.TrailingZeroCount(word)];
                if (entry.Evaluate(scope)) hits.Add(new RuleHit(entry.Rule, e));
            }
    }
}
