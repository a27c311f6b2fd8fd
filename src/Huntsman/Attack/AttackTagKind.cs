namespace Huntsman.Attack;

/// <summary>What an <c>attack.*</c> Sigma tag names.</summary>
public enum AttackTagKind
{
    /// <summary>attack.t1021 / attack.t1021.002</summary>
    Technique,
    /// <summary>attack.lateral-movement, attack.lateral_movement, attack.ta0008</summary>
    Tactic,
    /// <summary>attack.g0007</summary>
    Group,
    /// <summary>attack.s0029</summary>
    Software,
    /// <summary>Anything else under attack. (an unknown tactic name, a data source, a typo).</summary>
    Unknown,
}
