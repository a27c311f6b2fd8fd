using System.Text.Json;
using Huntsman.Attack;
using Xunit;

namespace Huntsman.Tests.Attack;

public class AttackCatalogTests
{
    private static readonly AttackCatalog Catalog = AttackCatalog.Default;

    [Fact]
    public void Looks_up_a_subtechnique_with_its_name_tactics_and_parent()
    {
        Assert.True(Catalog.TryGetTechnique("t1021.002", out var smb));
        Assert.Equal("T1021.002", smb.Id);
        Assert.Equal("SMB/Windows Admin Shares", smb.Name);
        Assert.Equal("T1021", smb.ParentId);
        Assert.True(smb.IsSubtechnique);
        Assert.Equal(["lateral-movement"], smb.Tactics.Select(t => t.ShortName));
        Assert.Equal("https://attack.mitre.org/techniques/T1021/002", smb.Url);
        Assert.False(smb.IsRevoked || smb.IsDeprecated);

        Assert.True(Catalog.TryGetTechnique("T1053.005", out var task));
        Assert.Equal(["execution", "persistence", "privilege-escalation"], task.Tactics.Select(t => t.ShortName));
        Assert.False(Catalog.TryGetTechnique("T9999", out _));
    }

    [Fact]
    public void Revoked_techniques_resolve_to_their_replacement_and_deprecated_ones_are_flagged()
    {
        Assert.True(Catalog.TryGetTechnique("T1086", out var old));
        Assert.True(old.IsRevoked);
        Assert.Equal("T1059.001", old.RevokedBy);
        Assert.Equal("T1059.001", Catalog.Current("T1086")!.Id);
        Assert.Equal("T1021.002", Catalog.Current("T1021.002")!.Id);
        Assert.Null(Catalog.Current("T0000"));

        Assert.True(Catalog.TryGetTechnique("T1026", out var deprecated));
        Assert.True(deprecated.IsDeprecated);
        Assert.Null(deprecated.RevokedBy);
    }

    [Fact]
    public void Tactics_come_in_matrix_order_and_resolve_by_id_name_and_sigma_spelling()
    {
        Assert.Equal(14, Catalog.Tactics.Count);
        Assert.Equal("TA0043", Catalog.Tactics[0].Id);
        Assert.Equal("TA0040", Catalog.Tactics[^1].Id);
        Assert.Equal(Enumerable.Range(0, 14), Catalog.Tactics.Select(t => t.Order));
        foreach (var spelling in new[] { "TA0008", "lateral-movement", "lateral_movement", "Lateral Movement", "LATERAL_MOVEMENT" })
        {
            Assert.True(Catalog.TryGetTactic(spelling, out var tactic), spelling);
            Assert.Equal("TA0008", tactic.Id);
        }
        Assert.True(Catalog.TryGetTactic("stealth", out var stealth));
        Assert.Equal("TA0005", stealth.Id);
        Assert.False(Catalog.TryGetTactic("teleportation", out _));
        Assert.Contains("v18.1", Catalog.Version);
    }

    [SkippableFact]
    public void Generated_table_agrees_with_the_shared_attack_json()
    {
        var path = SharedData.Path_("attack", "enterprise-attack-techniques.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var techniques = doc.RootElement.GetProperty("techniques").EnumerateArray().ToList();
        Assert.Equal(techniques.Count, Catalog.Techniques.Count());
        foreach (var t in techniques)
        {
            var id = t.GetProperty("id").GetString()!;
            Assert.True(Catalog.TryGetTechnique(id, out var ours), id);
            Assert.Equal(t.GetProperty("name").GetString(), ours.Name);
            Assert.Equal(t.GetProperty("revoked").GetBoolean(), ours.IsRevoked);
            Assert.Equal(t.GetProperty("deprecated").GetBoolean(), ours.IsDeprecated);
            var revokedBy = t.GetProperty("revoked_by");
            Assert.Equal(revokedBy.ValueKind == JsonValueKind.Null ? null : revokedBy.GetString(), ours.RevokedBy);
            Assert.Equal(t.GetProperty("tactics").EnumerateArray().Select(x => x.GetString()).Order(), ours.Tactics.Select(x => x.ShortName).Order());
        }
    }

    [Fact]
    public void Malformed_table_lines_are_reported_with_their_line_number()
    {
        var ex = Assert.Throws<InvalidDataException>(() => AttackCatalog.Load(new StringReader("tactic\tTA0001\n")));
        Assert.Contains(":1:", ex.Message);
    }
}
