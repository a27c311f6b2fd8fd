using Huntsman.Attack;
using Xunit;
using Xunit.Abstractions;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Tests.Attack;

/// <summary>Runs the tag validator over every SigmaHQ rule's tags (only the <c>tags</c> key is read).</summary>
public class SigmaCorpusTagTests(ITestOutputHelper output)
{
    // SigmaHQ @ 8eaafff1 tags with ATT&CK v19 (T1685 Disable or Modify Tools…, T1686, T1689, T1690), which the
    // v18.1 table does not hold; attack.ds0005 is a data-source ID, not a tactic or technique.
    private const int ExpectedProblems = 245;
    private const int ExpectedRules = 3754;

    [SkippableFact]
    public void All_sigmahq_rule_tags_validate_with_the_known_problem_count()
    {
        var root = SharedData.Path_("sigma");
        var rules = 0;
        var problems = new List<string>();
        foreach (var folder in new[] { "rules", "rules-emerging-threats", "rules-threat-hunting" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.yml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                rules++;
                foreach (var problem in AttackTagValidator.Validate(ReadTags(file)))
                    problems.Add($"{Path.GetRelativePath(root, file)}: {problem}");
            }
        }
        foreach (var p in problems) output.WriteLine(p);
        output.WriteLine($"{problems.Count} problems in {rules} rules");
        Assert.Equal(ExpectedRules, rules);
        Assert.Equal(ExpectedProblems, problems.Count);
        Assert.DoesNotContain(problems, p => p.Contains("revoked"));
    }

    private static IEnumerable<string> ReadTags(string file)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(file)) yaml.Load(reader);
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) yield break;
        if (!root.Children.TryGetValue(new YamlScalarNode("tags"), out var tags) || tags is not YamlSequenceNode list) yield break;
        foreach (var tag in list)
            if (tag is YamlScalarNode { Value: { } value }) yield return value;
    }
}
