using Huntsman.Attack;
using Huntsman.Hunt;

namespace Huntsman.Report.Navigator;

/// <summary>
/// Turns detections into per-technique counts for the Navigator layer and the report's ATT&amp;CK matrix:
/// one count per detection per technique, rule titles collected, revoked IDs moved to their successor.
/// </summary>
public static class FiredTechniques
{
    private sealed class Tally
    {
        public int Count;
        public HashSet<string> Rules { get; } = new(StringComparer.Ordinal);
    }

    public static IReadOnlyList<(string TechniqueId, int Count, IEnumerable<string> Rules)> From(
        IEnumerable<Detection> detections, AttackCatalog? catalog = null)
    {
        catalog ??= AttackCatalog.Default;
        var canonical = new Dictionary<string, string>(StringComparer.Ordinal); // raw ID → current ID, looked up once
        var counts = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var d in detections)
        {
            var ids = d.Attack.Count > 0 ? d.Attack : AttackTag.TechniqueIds(d.Tags);
            foreach (var raw in ids)
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                if (!canonical.TryGetValue(raw, out var id))
                    canonical[raw] = id = catalog.Current(raw.Trim())?.Id ?? raw.Trim().ToUpperInvariant();
                if (!counts.TryGetValue(id, out var tally)) counts[id] = tally = new Tally();
                tally.Count++;
                tally.Rules.Add(d.RuleTitle);
            }
        }
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value.Count, (IEnumerable<string>)c.Value.Rules.Order(StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
