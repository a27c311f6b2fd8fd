namespace Huntsman.Sigma;

/// <summary>How rules are loaded.</summary>
public sealed record RuleLoadOptions
{
    /// <summary>
    /// Values for <c>|expand</c> placeholders (name without %, e.g. "Administrators" → values, wildcards allowed).
    /// Rules whose placeholders are not all listed here are skipped with a reason.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Placeholders { get; init; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Also load the rules embedded in the library (BuiltinRules).</summary>
    public bool IncludeBuiltin { get; init; }

    /// <summary>Timeout for one evaluation of a regex that cannot use the non-backtracking engine.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Reads placeholders from a YAML file mapping each name to a value or a list of values.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadPlaceholders(string path) =>
        Loading.PlaceholderFile.Read(path);
}
