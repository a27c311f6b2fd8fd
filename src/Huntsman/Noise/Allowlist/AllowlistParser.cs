using System.Globalization;
using Huntsman.Sigma;
using Huntsman.Sigma.Detection;
using Huntsman.Sigma.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Noise.Allowlist;

/// <summary>
/// Reads allowlist YAML into entries, collecting every problem with its line:column instead of
/// stopping at the first. <c>match:</c> goes through the Sigma engine's detection compiler, so field
/// modifiers mean exactly what they mean in rules (and an unknown one is an error).
/// </summary>
internal sealed class AllowlistParser(FieldRegistry fields, List<AllowlistError> errors)
{
    private static readonly string[] EntryKeys = ["id", "reason", "owner", "expires", "scope", "match"];
    private static readonly string[] ScopeKeys = ["kinds", "rules", "tags", "hosts"];
    private const long MaxFileBytes = 4 << 20;

    public List<AllowlistEntry> ParseFile(string file)
    {
        string text;
        try
        {
            var length = new FileInfo(file).Length;
            if (length > MaxFileBytes)
            {
                errors.Add(new AllowlistError(file, 0, 0, $"file is {length:N0} bytes, more than the {MaxFileBytes:N0} an allowlist may have"));
                return [];
            }
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new AllowlistError(file, 0, 0, $"cannot read: {ex.Message}"));
            return [];
        }
        return ParseText(text, file);
    }

    public List<AllowlistEntry> ParseText(string text, string file)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text)); }
        catch (YamlException ex)
        {
            errors.Add(new AllowlistError(file, ex.Start.Line, ex.Start.Column, $"malformed YAML: {Innermost(ex).Message}"));
            return [];
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some unterminated collections this way, without a position.
            errors.Add(new AllowlistError(file, 0, 0, $"malformed YAML: {ex.Message}"));
            return [];
        }
        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var at = stream.Documents.Count > 0 ? stream.Documents[0].RootNode.Start : Mark.Empty;
            errors.Add(Error(file, at, "an allowlist is one YAML document: a map with 'entries:' (and optionally 'version: 1')"));
            return [];
        }
        var entries = new List<AllowlistEntry>();
        foreach (var (keyNode, value) in root.Children)
        {
            switch (Yaml11.Text(keyNode))
            {
                case "version":
                    if (Yaml11.Text(value) != "1") errors.Add(Error(file, value.Start, $"unsupported allowlist version '{Yaml11.Text(value)}' (this build reads version 1)"));
                    break;
                case "entries":
                    if (value is not YamlSequenceNode list) { errors.Add(Error(file, value.Start, "'entries' must be a list of entries")); break; }
                    foreach (var item in list.Children)
                    {
                        if (item is YamlMappingNode map) { if (Entry(map, file) is { } entry) entries.Add(entry); }
                        else errors.Add(Error(file, item.Start, "each entry must be a map with id, reason, owner, scope and match"));
                    }
                    break;
                default:
                    errors.Add(Error(file, keyNode.Start, $"unknown key '{Yaml11.Text(keyNode)}' (expected 'version' or 'entries')"));
                    break;
            }
        }
        if (root.Children.All(c => Yaml11.Text(c.Key) != "entries")) errors.Add(Error(file, root.Start, "no 'entries:' list"));
        return entries;
    }

    private AllowlistEntry? Entry(YamlMappingNode map, string file)
    {
        int before = errors.Count;
        foreach (var key in map.Children.Keys)
            if (!EntryKeys.Contains(Yaml11.Text(key)))
                errors.Add(Error(file, key.Start, $"unknown entry key '{Yaml11.Text(key)}' (expected {string.Join(", ", EntryKeys)})"));
        var id = RequiredText(map, "id", file);
        var reason = RequiredText(map, "reason", file);
        var owner = RequiredText(map, "owner", file);
        DateOnly? expires = null;
        if (Yaml11.Child(map, "expires") is { } expiresNode)
        {
            if (DateOnly.TryParseExact(Yaml11.Text(expiresNode), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) expires = date;
            else errors.Add(Error(file, expiresNode.Start, $"'expires' must be a date like 2026-12-31, not '{Yaml11.Text(expiresNode)}'"));
        }
        var scope = Scope(Yaml11.Child(map, "scope"), file);
        var match = Match(Yaml11.Child(map, "match"), map, file);
        if (errors.Count > before || id is null || reason is null || owner is null || match is null) return null;
        return new AllowlistEntry
        {
            Id = id, Reason = reason, Owner = owner, Expires = expires, Scope = scope, File = file, Line = map.Start.Line, Match = match,
        };
    }

    private string? RequiredText(YamlMappingNode map, string key, string file)
    {
        var node = Yaml11.Child(map, key);
        if (node is YamlScalarNode s && !string.IsNullOrWhiteSpace(s.Value)) return s.Value.Trim();
        errors.Add(Error(file, (node ?? map).Start, node is null ? $"entry has no '{key}'" : $"'{key}' must be non-empty text"));
        return null;
    }

    private AllowlistScope Scope(YamlNode? node, string file)
    {
        if (node is null) return AllowlistScope.Any;
        if (node is not YamlMappingNode map)
        {
            errors.Add(Error(file, node.Start, "'scope' must be a map of kinds, rules, tags and hosts"));
            return AllowlistScope.Any;
        }
        foreach (var key in map.Children.Keys)
            if (!ScopeKeys.Contains(Yaml11.Text(key)))
                errors.Add(Error(file, key.Start, $"unknown scope key '{Yaml11.Text(key)}' (expected {string.Join(", ", ScopeKeys)})"));
        var kinds = Yaml11.TextList(Yaml11.Child(map, "kinds"));
        foreach (var kind in kinds.Where(k => !AllowlistScope.KnownKinds.Contains(k, StringComparer.OrdinalIgnoreCase)))
            errors.Add(Error(file, Yaml11.Child(map, "kinds")!.Start, $"unknown kind '{kind}' (expected {string.Join(", ", AllowlistScope.KnownKinds)})"));
        return new AllowlistScope(kinds, Yaml11.TextList(Yaml11.Child(map, "rules")), Yaml11.TextList(Yaml11.Child(map, "tags")), Yaml11.TextList(Yaml11.Child(map, "hosts")));
    }

    private ConditionNode? Match(YamlNode? node, YamlMappingNode entry, string file)
    {
        bool selection = node is YamlMappingNode || (node is YamlSequenceNode seq && seq.Children.Count > 0 && seq.Children.All(c => c is YamlMappingNode));
        if (!selection)
        {
            errors.Add(Error(file, (node ?? entry).Start, node is null
                ? "entry has no 'match' (an entry must say what it matches)"
                : "'match' must be a map of field conditions, or a list of such maps (any one matches)"));
            return null;
        }
        // The Sigma compiler takes a detection block: wrap the selection as one with a trivial condition.
        var detection = new YamlMappingNode(new YamlScalarNode("match"), node!, new YamlScalarNode("condition"), new YamlScalarNode("match"));
        try { return new DetectionCompiler(fields, new RuleLoadOptions(), new SigmaRuleCounter(), null).Compile(detection); }
        catch (SigmaRuleException ex)
        {
            errors.Add(new AllowlistError(file, ex.Line > 0 ? ex.Line : node!.Start.Line, ex.Line > 0 ? ex.Column : node!.Start.Column, $"bad match: {ex.Message}"));
            return null;
        }
    }

    private static AllowlistError Error(string file, Mark at, string message) => new(file, at.Line, at.Column, message);

    private static Exception Innermost(Exception ex) => ex.InnerException is { } inner ? Innermost(inner) : ex;
}
