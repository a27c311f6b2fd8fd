namespace Huntsman.Attack;

/// <summary>An ATT&amp;CK Enterprise tactic. <see cref="Order"/> is its 0-based column in the matrix.</summary>
public sealed record AttackTactic(string Id, string ShortName, string Name, int Order);
