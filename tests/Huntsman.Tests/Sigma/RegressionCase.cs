using Huntsman.Sigma.Loading;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Tests.Sigma;

/// <summary>One SigmaHQ regression_data/**/info.yml test: the rule, its sample and the expected match count.</summary>
internal sealed record RegressionCase(string RuleId, string Title, string EvtxPath, int? MatchCount)
{
    public static List<RegressionCase> LoadAll(string sigmaRoot)
    {
        var cases = new List<RegressionCase>();
        foreach (var info in Directory.EnumerateFiles(Path.Combine(sigmaRoot, "regression_data"), "info.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(info)));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var meta = (YamlMappingNode)((YamlSequenceNode)root["rule_metadata"]).Children[0];
            if (Yaml11.Child(root, "regression_tests_info") is not YamlSequenceNode tests) continue;
            foreach (var test in tests.Children.OfType<YamlMappingNode>())
            {
                var count = Yaml11.OptionalText(test, "match_count");
                cases.Add(new RegressionCase(Yaml11.Text(meta["id"]), Yaml11.Text(meta["title"]),
                    Path.Combine(sigmaRoot, Yaml11.Text(test["path"])), count is null ? null : int.Parse(count)));
            }
        }
        return cases;
    }
}
