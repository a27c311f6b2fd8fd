namespace Huntsman.Events.Taxonomy;

/// <summary>Account names in the DOMAIN\user form Sysmon uses.</summary>
public static class Accounts
{
    /// <summary>DOMAIN\user, or just user when the domain is empty or "-"; null without a user.</summary>
    public static string? Join(string? domain, string? user) =>
        string.IsNullOrEmpty(user) || user == "-" ? null : string.IsNullOrEmpty(domain) || domain == "-" ? user : $"{domain}\\{user}";
}
