using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Loading;

/// <summary>Reads <c>expand</c> placeholder values: a YAML map of name (without %) → value or list of values.</summary>
internal static class PlaceholderFile
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string path)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        var stream = new YamlStream();
        using (var reader = new StreamReader(path)) stream.Load(reader);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode map) return result;
        foreach (var (k, v) in map.Children)
            result[Yaml11.Text(k).Trim('%')] = Yaml11.TextList(v);
        return result;
    }
}
