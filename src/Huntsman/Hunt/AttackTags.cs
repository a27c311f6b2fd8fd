using System.Text.RegularExpressions;

namespace Huntsman.Hunt;

/// <summary>ATT&amp;CK technique IDs from Sigma tags (attack.t1021.002 → T1021.002).</summary>
public static partial class AttackTags
{
    public static IReadOnlyList<string> Techniques(IEnumerable<string> tags) =>
        tags.Select(t => Technique().Match(t)).Where(m => m.Success).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().ToList();

    [GeneratedRegex(@"^attack\.(t\d{4}(?:\.\d{3})?)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Technique();
}
