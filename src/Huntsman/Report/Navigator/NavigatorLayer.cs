using System.Text.Json;
using System.Text.RegularExpressions;
using Huntsman.Attack;

namespace Huntsman.Report.Navigator;

/// <summary>
/// Writes an ATT&amp;CK Navigator layer (format 4.5, enterprise-attack) of what fired: one entry per
/// technique with score = number of detections and comment = the rule titles, on a white→red gradient.
/// Revoked IDs are moved to their replacement; a sub-technique's parent is marked to show it expanded.
/// </summary>
public static partial class NavigatorLayer
{
    public const string LayerFormatVersion = "4.5";
    public const string NavigatorVersion = "5.1.0";

    public static void Write(Stream output, IEnumerable<(string TechniqueId, int Count, IEnumerable<string> Rules)> techniques,
        string name = "Huntsman detections", AttackCatalog? catalog = null)
    {
        catalog ??= AttackCatalog.Default;
        var merged = Merge(techniques, catalog);
        var maxScore = merged.Count == 0 ? 1 : Math.Max(1, merged.Values.Max(t => t.Count));

        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteStartObject("versions");
        json.WriteString("attack", MajorVersion(catalog.Version));
        json.WriteString("navigator", NavigatorVersion);
        json.WriteString("layer", LayerFormatVersion);
        json.WriteEndObject();
        json.WriteString("domain", "enterprise-attack");
        json.WriteString("description", $"Techniques detected by Huntsman; score = detections. Table: {catalog.Version}.");
        json.WriteNumber("sorting", 3); // descending score
        json.WriteBoolean("hideDisabled", false);

        json.WriteStartArray("techniques");
        foreach (var (id, entry) in merged.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("techniqueID", id);
            if (entry.Count > 0) json.WriteNumber("score", entry.Count);
            if (entry.Rules.Count > 0) json.WriteString("comment", string.Join("; ", entry.Rules));
            json.WriteBoolean("enabled", true);
            json.WriteBoolean("showSubtechniques", entry.ShowSubtechniques);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartObject("gradient");
        json.WriteStartArray("colors");
        json.WriteStringValue("#ffffffff");
        json.WriteStringValue("#ffb3b3ff");
        json.WriteStringValue("#e60d0dff");
        json.WriteEndArray();
        json.WriteNumber("minValue", 0);
        json.WriteNumber("maxValue", maxScore);
        json.WriteEndObject();

        json.WriteStartArray("legendItems");
        json.WriteEndArray();
        json.WriteBoolean("showTacticRowBackground", false);
        json.WriteBoolean("selectTechniquesAcrossTactics", true);
        json.WriteBoolean("selectSubtechniquesWithParent", false);
        json.WriteEndObject();
    }

    private sealed class Entry
    {
        public int Count;
        public SortedSet<string> Rules { get; } = new(StringComparer.Ordinal);
        public bool ShowSubtechniques;
    }

    private static Dictionary<string, Entry> Merge(IEnumerable<(string TechniqueId, int Count, IEnumerable<string> Rules)> techniques, AttackCatalog catalog)
    {
        var merged = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var (rawId, count, rules) in techniques)
        {
            if (string.IsNullOrWhiteSpace(rawId)) continue;
            var id = rawId.Trim().ToUpperInvariant();
            id = catalog.Current(id)?.Id ?? id; // unknown IDs are kept: a newer Navigator may know them
            if (!merged.TryGetValue(id, out var entry)) merged[id] = entry = new Entry();
            entry.Count += Math.Max(0, count);
            foreach (var rule in rules ?? []) if (!string.IsNullOrWhiteSpace(rule)) entry.Rules.Add(rule.Trim());
        }
        foreach (var id in merged.Keys.Where(k => k.Contains('.')).ToList())
        {
            var parent = id[..id.IndexOf('.')];
            if (!merged.TryGetValue(parent, out var entry)) merged[parent] = entry = new Entry();
            entry.ShowSubtechniques = true;
        }
        return merged;
    }

    /// <summary>"ATT&amp;CK v18.1 Enterprise" → "18" (Navigator wants the major version).</summary>
    private static string MajorVersion(string version)
    {
        var match = VersionPattern().Match(version);
        return match.Success ? match.Groups[1].Value : "18";
    }

    [GeneratedRegex(@"v(\d+)")]
    private static partial Regex VersionPattern();
}
