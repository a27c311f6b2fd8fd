namespace Huntsman.Sigma;

/// <summary>A rule's logsource triple (lower-case, as written in the rule).</summary>
public sealed record LogSource(string? Product, string? Category, string? Service)
{
    /// <summary>pySigma's containment: every attribute this filter logsource sets equals the rule's.</summary>
    public bool Contains(LogSource rule) =>
        (Product is null || string.Equals(Product, rule.Product, StringComparison.OrdinalIgnoreCase))
        && (Category is null || string.Equals(Category, rule.Category, StringComparison.OrdinalIgnoreCase))
        && (Service is null || string.Equals(Service, rule.Service, StringComparison.OrdinalIgnoreCase));

    public override string ToString() =>
        string.Join("/", new[] { Product, Category, Service }.Select(p => p ?? "-"));
}
