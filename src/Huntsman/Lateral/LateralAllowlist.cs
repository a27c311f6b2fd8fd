using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Lateral;

/// <summary>
/// Known-good remote administration (SCCM, PDQ, Veeam, approved jump hosts…) as a small YAML file. An entry matches
/// when every field it names matches the finding (each field takes one pattern or a list; * and ? are wildcards,
/// case-insensitive). A match suppresses the finding or lowers its confidence, and says which entry and why.
/// Findings with escalating context (psexec.md §5.5: encoded PowerShell, credential dumping, client in a
/// user-writable folder) are only ever lowered, never hidden.
/// </summary>
public sealed class LateralAllowlist
{
    private static readonly string[] Fields = ["tool", "kind", "account", "source_host", "source_ip", "target_host", "service_name", "service_image", "source_image", "pipe", "command"];
    private static readonly string[] Escalators = [" -enc", " -e ", " -ec ", "reg save", "reg.exe save", "vssadmin", "procdump", "mimikatz", "ntdsutil", "comsvcs"];
    private static readonly string[] EscalatingClientFolders = [@"\Users\Public\", @"\Temp\", @"\Downloads\", @"\Desktop\"];

    public IReadOnlyList<AllowlistEntry> Entries { get; }

    public LateralAllowlist(IReadOnlyList<AllowlistEntry> entries) => Entries = entries;

    public static LateralAllowlist Load(string path)
    {
        using var reader = new StreamReader(path);
        return Parse(reader, path);
    }

    /// <summary>Parses allowlist YAML; errors throw <see cref="AllowlistException"/> with file:line:column.</summary>
    public static LateralAllowlist Parse(TextReader text, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(text); }
        catch (YamlException ex) { throw new AllowlistException($"{file}:{ex.Start.Line}:{ex.Start.Column}: {ex.Message}"); }
        var entries = new List<AllowlistEntry>();
        if (stream.Documents.Count == 0) return new LateralAllowlist(entries);
        if (stream.Documents[0].RootNode is not YamlMappingNode root || !root.Children.TryGetValue(new YamlScalarNode("entries"), out var list)
            || list is not YamlSequenceNode seq)
            throw Error(file, stream.Documents[0].RootNode, "expected a mapping with an 'entries' list");
        foreach (var item in seq)
        {
            if (item is not YamlMappingNode map) throw Error(file, item, "each entry must be a mapping");
            string? name = null, reason = null, action = "suppress";
            var match = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? "";
                switch (key)
                {
                    case "name": name = Scalar(file, v); break;
                    case "reason": reason = Scalar(file, v); break;
                    case "action": action = Scalar(file, v); break;
                    case "match":
                        if (v is not YamlMappingNode m) throw Error(file, v, "'match' must be a mapping of field: pattern(s)");
                        foreach (var (fk, fv) in m.Children)
                        {
                            var field = (fk as YamlScalarNode)?.Value ?? "";
                            if (Array.IndexOf(Fields, field) < 0) throw Error(file, fk, $"unknown field '{field}' (known: {string.Join(", ", Fields)})");
                            match[field] = fv is YamlSequenceNode s ? s.Select(x => Scalar(file, x)).ToList() : [Scalar(file, fv)];
                        }
                        break;
                    default: throw Error(file, k, $"unknown key '{key}' (known: name, reason, action, match)");
                }
            }
            if (string.IsNullOrWhiteSpace(name)) throw Error(file, map, "entry without a name");
            if (string.IsNullOrWhiteSpace(reason)) throw Error(file, map, $"entry '{name}' has no reason");
            if (action is not ("suppress" or "lower")) throw Error(file, map, $"entry '{name}': action must be suppress or lower");
            if (match.Count == 0) throw Error(file, map, $"entry '{name}' matches nothing (empty 'match')");
            entries.Add(new AllowlistEntry(name, reason, action == "suppress", match.ToDictionary(p => p.Key, p => (IReadOnlyList<string>)p.Value)));
        }
        return new LateralAllowlist(entries);
    }

    /// <summary>Applies the first matching entry to a finding.</summary>
    public void Apply(LateralFinding f)
    {
        foreach (var entry in Entries)
        {
            if (!entry.Matches(f)) continue;
            f.SuppressedBy = entry.Name;
            f.SuppressionReason = entry.Reason;
            var escalator = Escalator(f);
            if (entry.Suppress && escalator is null) f.Suppressed = true;
            else
            {
                f.Confidence = f.Confidence switch { "high" => "medium", _ => "low" };
                if (escalator is not null) f.Reasons.Add($"allowlisted by {entry.Name} but kept: {escalator}");
            }
            return;
        }
    }

    private static string? Escalator(LateralFinding f)
    {
        foreach (var c in Flatten(f.Commands))
            foreach (var e in Escalators)
                if (c.CommandLine?.Contains(e, StringComparison.OrdinalIgnoreCase) == true) return $"a command contains '{e.Trim()}'";
        if (f.SourceProcess.Count > 0)
            foreach (var folder in EscalatingClientFolders)
                if (f.SourceProcess[0].Image.Contains(folder, StringComparison.OrdinalIgnoreCase)) return $"the client runs from {folder}";
        return null;
    }

    internal static IEnumerable<CommandTree> Flatten(IEnumerable<CommandTree> trees)
    {
        foreach (var t in trees)
        {
            yield return t;
            foreach (var c in Flatten(t.Children)) yield return c;
        }
    }

    private static string Scalar(string file, YamlNode node) =>
        node is YamlScalarNode s && s.Value is not null ? s.Value : throw Error(file, node, "expected a text value");

    private static AllowlistException Error(string file, YamlNode node, string message) =>
        new($"{file}:{node.Start.Line}:{node.Start.Column}: {message}");
}
