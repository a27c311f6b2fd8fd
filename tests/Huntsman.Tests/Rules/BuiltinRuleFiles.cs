using Huntsman.Attack;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Tests.Rules;

/// <summary>The rule pack as embedded in the library (rules/**/*.yml → resources under BuiltinRules), parsed as YAML.</summary>
internal static class BuiltinRuleFiles
{
    private const string Marker = ".BuiltinRules.";

    public static readonly IReadOnlyList<(string Name, YamlMappingNode Rule)> All = Load();

    public static YamlMappingNode ByFile(string fileName) =>
        All.Single(r => r.Name.EndsWith(fileName, StringComparison.Ordinal)).Rule;

    private static List<(string, YamlMappingNode)> Load()
    {
        var assembly = typeof(AttackCatalog).Assembly;
        var rules = new List<(string, YamlMappingNode)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.Contains(Marker, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            var yaml = new YamlStream();
            yaml.Load(reader);
            rules.Add((name[(name.IndexOf(Marker, StringComparison.Ordinal) + Marker.Length)..], (YamlMappingNode)yaml.Documents.Single().RootNode));
        }
        return rules;
    }

    public static string? Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static IReadOnlyList<string> Strings(this YamlMappingNode node, string key) =>
        node.Child(key) switch
        {
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").ToList(),
            YamlScalarNode s => [s.Value ?? ""],
            _ => [],
        };
}
