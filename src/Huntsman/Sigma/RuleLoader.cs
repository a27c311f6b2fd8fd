using System.Reflection;
using Huntsman.Sigma.Detection;
using Huntsman.Sigma.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma;

/// <summary>
/// Loads Sigma rule files (detection, correlation and filter documents, multi-document files and legacy
/// <c>action: global|reset|repeat</c> collections). A broken document never stops the others: each gets
/// a <see cref="RuleFileStatus"/> with the reason and line:column.
/// </summary>
public static class RuleLoader
{
    private const long MaxFileBytes = 4 << 20;
    private const string BuiltinMarker = ".BuiltinRules.";

    public static RuleSet Load(IEnumerable<string> paths, RuleLoadOptions? options = null)
    {
        options ??= new RuleLoadOptions();
        var set = new RuleSet();
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else set.Statuses.Add(Skip(path, 0, "file", null, new SigmaRuleException("not found", "no such file or directory")));
        }
        // Files parse independently; results are appended in file order, so the set is deterministic.
        var parts = files.AsParallel().AsOrdered().Select(file =>
        {
            var part = new RuleSet(set.Fields);
            LoadFile(part, file, options);
            return part;
        });
        foreach (var part in parts) set.Append(part);
        if (options.IncludeBuiltin) LoadBuiltin(set, options);
        return set;
    }

    /// <summary>Loads rules from YAML text (one or more documents); <paramref name="file"/> names it in statuses.</summary>
    public static RuleSet LoadText(string yaml, string file = "<text>", RuleLoadOptions? options = null)
    {
        var set = new RuleSet();
        LoadDocuments(set, yaml, file, options ?? new RuleLoadOptions());
        return set;
    }

    /// <summary>Names of the rules compiled into the library (embedded resources under BuiltinRules).</summary>
    public static IEnumerable<string> BuiltinRuleNames() =>
        typeof(RuleLoader).Assembly.GetManifestResourceNames().Where(n => n.Contains(BuiltinMarker, StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    private static void LoadBuiltin(RuleSet set, RuleLoadOptions options)
    {
        Assembly asm = typeof(RuleLoader).Assembly;
        foreach (var name in BuiltinRuleNames())
        {
            using var stream = asm.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            LoadDocuments(set, reader.ReadToEnd(), "builtin:" + name[(name.IndexOf(BuiltinMarker, StringComparison.Ordinal) + BuiltinMarker.Length)..], options);
        }
    }

    private static void LoadFile(RuleSet set, string file, RuleLoadOptions options)
    {
        string text;
        try
        {
            if (new FileInfo(file).Length > MaxFileBytes)
            {
                set.Statuses.Add(Skip(file, 0, "file", null, new SigmaRuleException("file too large", $"file is larger than {MaxFileBytes >> 20} MB")));
                return;
            }
            text = File.ReadAllText(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            set.Statuses.Add(Skip(file, 0, "file", null, new SigmaRuleException("unreadable", ex.Message)));
            return;
        }
        LoadDocuments(set, text, file, options);
    }

    private static void LoadDocuments(RuleSet set, string text, string file, RuleLoadOptions options)
    {
        List<YamlDocument> documents;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            documents = stream.Documents.ToList();
        }
        catch (YamlException ex)
        {
            var reason = ex.InnerException is { } inner && ex.Message.Contains("Exception during deserialization") ? inner.Message : ex.Message;
            var category = reason.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase) || ex.InnerException is ArgumentException
                ? "duplicate key" : "malformed YAML";
            if (category == "duplicate key" && !reason.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)) reason = "Duplicate key: " + reason;
            set.Statuses.Add(new RuleFileStatus(file, 0, RuleLoadState.Skipped, "file", null, reason, (int)ex.Start.Line, (int)ex.Start.Column)
                { ReasonCategory = category });
            return;
        }

        YamlMappingNode? global = null, previous = null;
        for (int i = 0; i < documents.Count; i++)
        {
            if (documents[i].RootNode is not YamlMappingNode doc)
            {
                if (documents[i].RootNode is YamlScalarNode { Value: null or "" }) continue; // empty document (trailing ---)
                set.Statuses.Add(Skip(file, i, "document", null, new SigmaRuleException("not a rule", "document is not a YAML map", documents[i].RootNode.Start)));
                continue;
            }
            switch (Yaml11.OptionalText(doc, "action"))
            {
                case "global": global = Without(doc, "action"); continue;
                case "reset": global = null; continue;
                case "repeat":
                    if (previous is null)
                    {
                        set.Statuses.Add(Skip(file, i, "document", null, new SigmaRuleException("bad collection", "action: repeat without a previous rule", doc.Start)));
                        continue;
                    }
                    doc = Merge(previous, Without(doc, "action"));
                    break;
                case null: if (global is not null) doc = Merge(global, doc); break;
                case { } other:
                    set.Statuses.Add(Skip(file, i, "document", null, new SigmaRuleException("bad collection", $"unknown collection action '{other}'", doc.Start)));
                    continue;
            }
            previous = doc;
            LoadDocument(set, doc, file, i, options);
        }
    }

    private static void LoadDocument(RuleSet set, YamlMappingNode doc, string file, int index, RuleLoadOptions options)
    {
        var title = Yaml11.OptionalText(doc, "title");
        if (Yaml11.Child(doc, "correlation") is not null)
        {
            if (Correlation.CorrelationRule.TryParse(doc, file, out var rule, out var error) && rule is not null)
            {
                set.Correlations.Add(rule);
                set.Statuses.Add(new RuleFileStatus(file, index, RuleLoadState.Ok, "correlation", title, Line: (int)doc.Start.Line, Column: (int)doc.Start.Column));
            }
            else
                set.Statuses.Add(new RuleFileStatus(file, index, RuleLoadState.Skipped, "correlation", title, error ?? "invalid correlation rule",
                    (int)doc.Start.Line, (int)doc.Start.Column) { ReasonCategory = "correlation: " + Category(error) });
            return;
        }
        bool isFilter = Yaml11.Child(doc, "filter") is not null;
        var kind = isFilter ? "filter" : "rule";
        try
        {
            if (isFilter) set.Filters.Add(RuleParser.ParseFilter(doc, file, set.Fields, options));
            else
            {
                var rule = RuleParser.ParseRule(doc, file, set.Fields, options);
                set.Rules.Add(rule);
                set.Statuses.Add(new RuleFileStatus(file, index, RuleLoadState.Ok, kind, title,
                    rule.HasTelemetry ? null : $"no matching telemetry for logsource {rule.LogSource}", (int)doc.Start.Line, (int)doc.Start.Column)
                    { ReasonCategory = rule.HasTelemetry ? null : "no matching telemetry" });
                return;
            }
            set.Statuses.Add(new RuleFileStatus(file, index, RuleLoadState.Ok, kind, title, Line: (int)doc.Start.Line, Column: (int)doc.Start.Column));
        }
        catch (SigmaRuleException ex)
        {
            set.Statuses.Add(Skip(file, index, kind, title, ex));
        }
    }

    // The first words of a correlation error, for grouping totals.
    private static string Category(string? error) => error is null ? "invalid" : string.Join(' ', error.Split(' ').Take(4));

    private static RuleFileStatus Skip(string file, int index, string kind, string? title, SigmaRuleException ex) =>
        new(file, index, RuleLoadState.Skipped, kind, title, ex.Message, ex.Line, ex.Column) { ReasonCategory = ex.Category };

    private static YamlMappingNode Without(YamlMappingNode doc, string key)
    {
        var copy = new YamlMappingNode();
        foreach (var (k, v) in doc.Children)
            if (Yaml11.Text(k) != key) copy.Children.Add(k, v);
        return copy;
    }

    /// <summary>Deep merge for legacy collections: maps merge recursively, anything else is replaced by the overlay.</summary>
    private static YamlMappingNode Merge(YamlMappingNode baseMap, YamlMappingNode overlay)
    {
        var result = new YamlMappingNode();
        foreach (var (k, v) in baseMap.Children) result.Children.Add(k, v);
        foreach (var (k, v) in overlay.Children)
            result.Children[k] = result.Children.TryGetValue(k, out var existing) && existing is YamlMappingNode em && v is YamlMappingNode vm
                ? Merge(em, vm) : v;
        return result;
    }
}
