using System.Text.RegularExpressions;
using Huntsman.Attack;
using Xunit;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Tests.Rules;

/// <summary>Shape of every built-in rule (Sigma 2.x fields, ids, tags) and its ATT&amp;CK mapping.</summary>
public partial class BuiltinRulePackTests
{
    public static TheoryData<string> RuleNames() => [.. BuiltinRuleFiles.All.Select(r => r.Name)];

    [Fact]
    public void Pack_holds_every_rule_once_with_unique_fresh_ids_and_titles()
    {
        Assert.Equal(17, BuiltinRuleFiles.All.Count);
        var ids = BuiltinRuleFiles.All.Select(r => r.Rule.Scalar("id")).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        var titles = BuiltinRuleFiles.All.Select(r => r.Rule.Scalar("title")).ToList();
        Assert.Equal(titles.Count, titles.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void Rule_is_valid_sigma_with_valid_attack_tags(string name)
    {
        var rule = BuiltinRuleFiles.All.Single(r => r.Name == name).Rule;
        var title = rule.Scalar("title");
        Assert.False(string.IsNullOrWhiteSpace(title));
        Assert.True(title!.Length <= 256);
        Assert.Matches(UuidV4(), rule.Scalar("id") ?? "");
        Assert.Equal("Huntsman", rule.Scalar("author"));
        Assert.Contains(rule.Scalar("status"), new[] { "stable", "test", "experimental" });
        Assert.Contains(rule.Scalar("level"), new[] { "informational", "low", "medium", "high", "critical" });
        Assert.Matches(@"^\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$", rule.Scalar("date") ?? "");
        Assert.False(string.IsNullOrWhiteSpace(rule.Scalar("description")));
        Assert.NotEmpty(rule.Strings("references"));
        Assert.NotEmpty(rule.Strings("falsepositives"));

        var logsource = Assert.IsType<YamlMappingNode>(rule.Child("logsource"));
        Assert.Equal("windows", logsource.Scalar("product"));
        Assert.True(logsource.Scalar("category") is not null ^ logsource.Scalar("service") is not null, "one of category or service");

        var tags = rule.Strings("tags");
        Assert.All(tags, t => Assert.Matches(@"^[a-z0-9_-]+\.[a-z0-9._-]+$", t));
        Assert.Empty(AttackTagValidator.Validate(tags));
        Assert.NotEmpty(AttackTag.TechniqueIds(tags));
        // Every technique's tactics are tagged too, so tactic and technique views agree.
        foreach (var id in AttackTag.TechniqueIds(tags))
        {
            Assert.True(AttackCatalog.Default.TryGetTechnique(id, out var technique));
            Assert.Contains(technique.Tactics, t => tags.Contains("attack." + t.ShortName));
        }

        AssertConditionReferencesExist(Assert.IsType<YamlMappingNode>(rule.Child("detection")));
    }

    [Theory]
    [InlineData("proc_creation_win_powershell_encoded_command.yml", "T1059.001", "T1027.010")]
    [InlineData("proc_creation_win_office_susp_child_process.yml", "T1566.001", "T1204.002")]
    [InlineData("proc_creation_win_rundll32_susp_command_line.yml", "T1218.011")]
    [InlineData("proc_creation_win_comsvcs_minidump.yml", "T1003.001", "T1218.011")]
    [InlineData("win_system_service_install_psexesvc.yml", "T1569.002", "T1543.003", "T1021.002")]
    [InlineData("win_security_service_install_psexesvc.yml", "T1569.002", "T1543.003", "T1021.002")]
    [InlineData("pipe_created_win_psexec_family_pipes.yml", "T1569.002", "T1021.002")]
    [InlineData("win_security_psexec_family_share_pipes.yml", "T1021.002", "T1569.002")]
    [InlineData("proc_creation_win_renamed_psexec.yml", "T1036.003", "T1569.002")]
    [InlineData("win_security_svcctl_remote_write.yml", "T1021.002", "T1543.003")]
    [InlineData("win_security_admin_share_executable_write.yml", "T1021.002", "T1570")]
    [InlineData("win_system_impacket_smbexec_service.yml", "T1569.002", "T1543.003", "T1021.002")]
    [InlineData("win_security_impacket_smbexec_service.yml", "T1569.002", "T1543.003", "T1021.002")]
    [InlineData("registry_set_impacket_smbexec_service.yml", "T1569.002", "T1543.003")]
    [InlineData("proc_creation_win_impacket_smbexec_command.yml", "T1569.002", "T1059.003")]
    [InlineData("proc_creation_win_impacket_wmiexec.yml", "T1047", "T1021.003")]
    [InlineData("win_security_impacket_atexec_task.yml", "T1053.005")]
    public void Rule_maps_to_the_expected_techniques(string file, params string[] techniques)
    {
        var tags = BuiltinRuleFiles.ByFile(file).Strings("tags");
        Assert.Equal(techniques.Order(), AttackTag.TechniqueIds(tags).Order());
    }

    [Fact]
    public void Docs_describe_every_rule()
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "rules.md");
        var text = File.ReadAllText(docs);
        foreach (var (name, rule) in BuiltinRuleFiles.All)
        {
            Assert.Contains(rule.Scalar("title")!, text);
            Assert.Contains(Path.GetFileName(name.Replace('.', '/')[..^4]) + ".yml", text);
        }
    }

    /// <summary>Each identifier the condition names exists; each "1 of x*" pattern matches at least one.</summary>
    private static void AssertConditionReferencesExist(YamlMappingNode detection)
    {
        var condition = detection.Scalar("condition");
        Assert.False(string.IsNullOrWhiteSpace(condition));
        var identifiers = detection.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => k != "condition").ToList();
        Assert.NotEmpty(identifiers);
        foreach (Match m in ConditionWord().Matches(condition!))
        {
            var word = m.Value;
            if (word is "and" or "or" or "not" or "of" or "all" or "them" || int.TryParse(word, out _)) continue;
            if (word.EndsWith('*')) Assert.Contains(identifiers, i => i.StartsWith(word[..^1], StringComparison.Ordinal));
            else Assert.Contains(word, identifiers);
        }
        var referenced = identifiers.Where(i => ConditionWord().Matches(condition!).Any(m => m.Value == i || (m.Value.EndsWith('*') && i.StartsWith(m.Value[..^1], StringComparison.Ordinal))));
        Assert.Equal(identifiers.Order(), referenced.Order()); // no unused search identifier
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (dir.GetFiles("*.slnx").Length > 0) return dir.FullName;
        throw new InvalidOperationException("repository root (*.slnx) not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex UuidV4();

    [GeneratedRegex(@"[A-Za-z_][A-Za-z0-9_]*\*?|\d+")]
    private static partial Regex ConditionWord();
}
