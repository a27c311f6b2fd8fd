using Huntsman.Attack;
using Xunit;

namespace Huntsman.Tests.Attack;

public class AttackTagTests
{
    [Theory]
    [InlineData("attack.t1021.002", AttackTagKind.Technique, "T1021.002")]
    [InlineData("attack.t1047", AttackTagKind.Technique, "T1047")]
    [InlineData("attack.lateral-movement", AttackTagKind.Tactic, "TA0008")]
    [InlineData("attack.lateral_movement", AttackTagKind.Tactic, "TA0008")]
    [InlineData("attack.ta0002", AttackTagKind.Tactic, "TA0002")]
    [InlineData("attack.stealth", AttackTagKind.Tactic, "TA0005")]
    [InlineData("attack.g0007", AttackTagKind.Group, "G0007")]
    [InlineData("attack.s0029", AttackTagKind.Software, "S0029")]
    [InlineData("attack.t10", AttackTagKind.Unknown, "t10")]
    [InlineData("attack.t1021.02", AttackTagKind.Unknown, "t1021.02")]
    [InlineData("attack.ds0005", AttackTagKind.Unknown, "ds0005")]
    public void Parses_sigma_attack_tags(string tag, AttackTagKind kind, string id)
    {
        Assert.True(AttackTag.TryParse(tag, out var parsed));
        Assert.Equal(kind, parsed.Kind);
        Assert.Equal(id, parsed.Id);
    }

    [Theory]
    [InlineData("cve.2021-44228")]
    [InlineData("detection.threat-hunting")]
    [InlineData("car.2013-05-002")]
    [InlineData("")]
    public void Ignores_other_namespaces(string tag) => Assert.False(AttackTag.TryParse(tag, out _));

    [Fact]
    public void Technique_ids_are_canonical_and_unique()
    {
        Assert.Equal(["T1021.002", "T1570"],
            AttackTag.TechniqueIds(["attack.lateral-movement", "attack.t1021.002", "attack.t1570", "attack.t1021.002", "cve.2020-1"]));
    }

    [Fact]
    public void Validator_reports_unknown_revoked_deprecated_and_case_problems()
    {
        var problems = AttackTagValidator.Validate([
            "attack.execution", "attack.t1059.001", "attack.g0007", "detection.emerging-threats", // fine
            "attack.t1086",          // revoked by T1059.001
            "attack.t1026",          // deprecated
            "attack.t1999",          // unknown
            "attack.teleportation",  // unknown tactic
            "attack.T1047",          // upper case
        ]);
        Assert.Equal(5, problems.Count);
        Assert.Equal("attack.t1059.001", problems[0].Replacement);
        Assert.Contains("revoked by T1059.001 (PowerShell)", problems[0].Message);
        Assert.Contains("deprecated", problems[1].Message);
        Assert.Contains("unknown ATT&CK technique T1999", problems[2].Message);
        Assert.Contains("teleportation", problems[3].Message);
        Assert.Equal("attack.t1047", problems[4].Replacement);
        Assert.Empty(AttackTagValidator.Validate(["attack.lateral_movement", "attack.t1021.002"]));
    }
}
