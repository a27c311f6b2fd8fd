namespace Huntsman.Attack;

/// <summary>
/// Something wrong with one ATT&amp;CK tag of a rule. <see cref="Replacement"/> is the tag to use instead,
/// when there is one (a revoked technique's successor).
/// </summary>
public sealed record AttackTagProblem(string Tag, string Message, string? Replacement = null)
{
    public override string ToString() => Replacement is null ? $"{Tag}: {Message}" : $"{Tag}: {Message} (use {Replacement})";
}
