using Huntsman.Attack;
using Huntsman.Hunt;

namespace Huntsman.Report.Navigator;

/// <summary>
/// Turns detections into per-technique counts for the Navigator layer and the report's ATT&amp;CK matrix:
/// one count per detection per technique, rule titles collected, revoked IDs moved to their successor.
/// </summary>
public static class FiredTechniques
{
    public static IReadOnlyList<(string TechniqueId, int Count, IEnumerable<string> Rules)> From(
        IEnumerable<Detection> detections, AttackCatalog? catalog = null)
    {
        catalog ??= AttackCatalog.Default;
        var counts = new Dictionary<string, (int Count, SortedSet<string> Rules)>(StringComparer.OrdinalIgnoreCase);
        foreach (var d in detections)
        {
            var ids = d.Attack.Count > 0 ? d.Attack : AttackTag.TechniqueIds(d.Tags);
            foreach (var raw in ids)
            {
                if (string.IsNullOrWhiteSpace(raw)) continue;
                var id = catalog.Current(raw.Trim())?.Id ?? raw.Trim().ToUpperInvariant();
                if (!counts.TryGetValue(id, out var entry)) entry = (0, new SortedSet<string>(StringComparer.Ordinal));
                entry.Rules.Add(d.RuleTitle);
                counts[id] = (entry.Count + 1, entry.Rules);
            }
        }
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => (c.Key, c.Value.Count, (IEnumerable<string>)c.Value.Rules))
            .ToList();
    }
}
