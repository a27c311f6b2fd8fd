using Huntsman.Sigma;

namespace Huntsman.Tests.Sigma;

/// <summary>The SigmaHQ rule corpus from ../shared/data, loaded once per test run.</summary>
internal static class SigmaCorpus
{
    public static readonly string[] Folders = ["rules", "rules-emerging-threats", "rules-threat-hunting"];

    private static readonly Lazy<RuleSet> Loaded = new(() =>
        RuleLoader.Load(Folders.Select(f => SharedData.Path_("sigma", f))));

    private static readonly Lazy<RuleMatcher> Compiled = new(() => new RuleMatcher(Loaded.Value));

    /// <summary>The loaded corpus (skips the test when shared data is absent).</summary>
    public static RuleSet Rules
    {
        get { SharedData.Require(); return Loaded.Value; }
    }

    public static RuleMatcher Matcher
    {
        get { SharedData.Require(); return Compiled.Value; }
    }
}
