using System.Numerics;
using Huntsman.Events;
using Huntsman.Sigma.Detection;

namespace Huntsman.Sigma.Matching;

/// <summary>
/// The rules that can match one (channel, EventID). A rule whose condition needs literals runs only when the
/// literal prefilter found one literal of each of its (up to <see cref="MaxClauses"/>) most selective clauses; the
/// others always run. Rules run in load order, so hits are deterministic.
/// </summary>
internal sealed class RuleBucket
{
    // Each clause beyond the first costs literals to search for; measured on the corpus with all rules, the third
    // clause still removed evaluations that cost more than its search.
    private static readonly int MaxClauses = int.TryParse(Environment.GetEnvironmentVariable("HUNTSMAN_CLAUSES"), out var n) ? n : 1;

    private readonly RuleEntry[] _entries;
    private readonly ulong[] _unfiltered; // bit i: entry i runs whatever the prefilter finds
    private readonly int[]?[] _otherClauses; // per entry, the bits (after the entries' own) of its further clauses
    private readonly int _words; // entry bits, then further clause bits
    private readonly LiteralSearch[] _searches;

    public RuleBucket(RuleEntry[] entries)
    {
        _entries = entries;
        _unfiltered = new ulong[(entries.Length + 63) / 64];
        _otherClauses = new int[]?[entries.Length];
        var byField = new Dictionary<FieldAccessor, List<(string, LiteralPosition, int)>>();
        var keywords = new List<(string, LiteralPosition, int)>();
        int nextBit = _unfiltered.Length * 64; // further clauses start on a word of their own
        var chosen = new List<List<RequiredLiteral>>?[entries.Length];
        for (int i = 0; i < entries.Length; i++)
        {
            chosen[i] = entries[i].Condition.RequiredClauses()?.Where(c => c.Count > 0)
                .OrderByDescending(ConditionNode.Strength).Take(MaxClauses).ToList();
            if (chosen[i] is not { Count: > 0 }) _unfiltered[i >> 6] |= 1UL << i;
        }
        for (int i = 0; i < entries.Length; i++)
        {
            if (chosen[i] is not { Count: > 0 } all) continue;
            var clauses = all;
            // The first (most selective) clause sets the entry's own bit; the others bits of their own.
            var bits = new int[clauses.Count];
            bits[0] = i;
            for (int c = 1; c < clauses.Count; c++) bits[c] = nextBit++;
            if (clauses.Count > 1) _otherClauses[i] = bits[1..];
            for (int c = 0; c < clauses.Count; c++)
                foreach (var lit in clauses[c])
                {
                    // Keywords are searched over all payload text joined, where a position means nothing.
                    if (lit.Field is null) { keywords.Add((lit.Text, LiteralPosition.Anywhere, bits[c])); continue; }
                    if (!byField.TryGetValue(lit.Field, out var list)) byField[lit.Field] = list = new();
                    list.Add((lit.Text, lit.Position, bits[c]));
                }
        }
        _words = (nextBit + 63) / 64;
        var searches = byField.Select(kv => new LiteralSearch(kv.Key, kv.Value)).ToList();
        if (keywords.Count > 0) searches.Add(new LiteralSearch(null, keywords));
        _searches = searches.ToArray();
    }

    public void Run(EventScope scope, WinEvent e, List<RuleHit> hits)
    {
        if (_entries.Length == 0) return;
        // Candidates as a bitset: rules run in load order, and a big bucket costs one word per 64 rules, not a test per rule.
        var found = scope.Candidates(_words);
        _unfiltered.CopyTo(found, 0);
        Array.Clear(found, _unfiltered.Length, _words - _unfiltered.Length);
        foreach (var search in _searches) search.Mark(scope, found);
        for (int w = 0; w < _unfiltered.Length; w++)
            for (ulong word = found[w]; word != 0; word &= word - 1)
            {
                int i = w * 64 + BitOperations.TrailingZeroCount(word);
                if (_otherClauses[i] is { } others && !AllSet(found, others)) continue;
                var entry = _entries[i];
                if (entry.Evaluate(scope)) hits.Add(new RuleHit(entry.Rule, e));
            }
    }

    private static bool AllSet(ulong[] bits, int[] indexes)
    {
        foreach (var i in indexes)
            if ((bits[i >> 6] & (1UL << i)) == 0) return false;
        return true;
    }
}
