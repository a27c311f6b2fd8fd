namespace Huntsman.Attack;

/// <summary>
/// An ATT&amp;CK Enterprise technique or sub-technique (T1021 / T1021.002). Revoked techniques name the
/// technique that replaced them; deprecated ones have no replacement.
/// </summary>
public sealed record AttackTechnique(string Id, string Name, IReadOnlyList<AttackTactic> Tactics,
    bool IsRevoked, bool IsDeprecated, string? RevokedBy)
{
    public bool IsSubtechnique => Id.Contains('.');

    /// <summary>T1021 for T1021.002; the technique itself when it has no parent.</summary>
    public string ParentId => IsSubtechnique ? Id[..Id.IndexOf('.')] : Id;

    public string Url => $"https://attack.mitre.org/techniques/{Id.Replace('.', '/')}";
}
