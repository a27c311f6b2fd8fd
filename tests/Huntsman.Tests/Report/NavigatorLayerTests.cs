using System.Text.Json;
using Huntsman.Report.Navigator;
using Xunit;

namespace Huntsman.Tests.Report;

public class NavigatorLayerTests
{
    private static JsonElement Write(params (string, int, IEnumerable<string>)[] techniques)
    {
        using var stream = new MemoryStream();
        NavigatorLayer.Write(stream, techniques);
        return JsonDocument.Parse(stream.ToArray()).RootElement;
    }

    [Fact]
    public void Writes_scores_comments_versions_and_gradient()
    {
        var layer = Write(
            ("T1569.002", 3, ["PsExec Service Installation", "Impacket SMBExec Service"]),
            ("t1569.002", 1, ["PsExec Service Installation"]),
            ("T1047", 2, ["Impacket WMIExec"]));

        Assert.Equal("enterprise-attack", layer.GetProperty("domain").GetString());
        Assert.Equal("18", layer.GetProperty("versions").GetProperty("attack").GetString());
        Assert.Equal("4.5", layer.GetProperty("versions").GetProperty("layer").GetString());
        var techniques = layer.GetProperty("techniques").EnumerateArray().ToDictionary(t => t.GetProperty("techniqueID").GetString()!);
        Assert.Equal(["T1047", "T1569", "T1569.002"], techniques.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(4, techniques["T1569.002"].GetProperty("score").GetInt32());
        Assert.Equal("Impacket SMBExec Service; PsExec Service Installation", techniques["T1569.002"].GetProperty("comment").GetString());
        Assert.True(techniques["T1569"].GetProperty("showSubtechniques").GetBoolean());
        Assert.False(techniques["T1569"].TryGetProperty("score", out _));
        Assert.Equal(4, layer.GetProperty("gradient").GetProperty("maxValue").GetInt32());
    }

    [Fact]
    public void Revoked_ids_move_to_their_replacement_and_hostile_titles_stay_valid_json()
    {
        var layer = Write(("T1086", 1, ["\"}]}<script>alert(1)</script>"]));
        var technique = Assert.Single(layer.GetProperty("techniques").EnumerateArray(), t => t.GetProperty("techniqueID").GetString() == "T1059.001");
        Assert.Equal("\"}]}<script>alert(1)</script>", technique.GetProperty("comment").GetString());
    }

    [Fact]
    public void Empty_input_gives_a_valid_empty_layer()
    {
        var layer = Write();
        Assert.Equal(0, layer.GetProperty("techniques").GetArrayLength());
        Assert.Equal(1, layer.GetProperty("gradient").GetProperty("maxValue").GetInt32());
    }
}
