using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Xunit;

namespace Huntsman.Tests.Events;

public class NormalizerTests
{
    [Fact]
    public void Message_tokens_gain_a_decoded_sibling_after_the_raw_value()
    {
        var e = new WinEvent { EventId = 5145, Channel = "Security" };
        e.Add("AccessList", "%%1538\r\n\t\t\t\t%%1541\r\n\t\t\t\t%%4416\r\n\t\t\t\t");
        e.Add("AccessReason", "%%1538:\t%%1801\tD:(A;;FA;;;WD)\n%%1541:\t%%1801\tD:(A;;FA;;;WD)");
        e.Add("ShareName", "\\\\*\\IPC$");
        e.Add("Odd", "50%% off %%99999");
        EventNormalizer.Normalize(e);
        Assert.Equal(["AccessList", "AccessList", "AccessReason", "AccessReason", "ShareName", "Odd"], e.Fields.Select(f => f.Name));
        Assert.Equal("%%1538\r\n\t\t\t\t%%1541\r\n\t\t\t\t%%4416\r\n\t\t\t\t", e.GetPayload("AccessList")); // raw stays first
        Assert.Equal("READ_CONTROL SYNCHRONIZE ReadData (or ListDirectory)", e.GetAll("AccessList").Last());
        Assert.Equal("READ_CONTROL: Granted by D:(A;;FA;;;WD) SYNCHRONIZE: Granted by D:(A;;FA;;;WD)", e.GetAll("AccessReason").Last());

        EventNormalizer.Normalize(e); // idempotent (events read back from our own dumps)
        Assert.Equal(6, e.Fields.Count);
    }

    [Theory]
    [InlineData("%%1833", "Impersonation")]
    [InlineData("%%1832", "Identification")]
    [InlineData("%%1840", "Delegation")]
    [InlineData("%%1842", "Yes")]
    [InlineData("%%1843", "No")]
    [InlineData("%%1936", "TokenElevationTypeDefault (1)")]
    [InlineData("%%1937", "TokenElevationTypeFull (2)")]
    [InlineData("%%1938", "TokenElevationTypeLimited (3)")]
    [InlineData("%%2313", "Unknown user name or bad password.")]
    [InlineData("%%14593", "Outbound")]
    [InlineData("%%4417 %%4418", "WriteData (or AddFile) AppendData (or AddSubdirectory or CreatePipeInstance)")]
    [InlineData("%%2082 %%2084", "'Password Not Required' - Enabled 'Normal Account' - Enabled")]
    [InlineData("%%1537 %%1539 %%1540 %%1542", "DELETE WRITE_DAC WRITE_OWNER ACCESS_SYS_SEC")]
    [InlineData("%%4419 %%4420 %%4421 %%4423 %%4424", "ReadEA WriteEA Execute/Traverse ReadAttributes WriteAttributes")]
    public void Known_tokens_decode_to_msobjs_names(string raw, string decoded) => Assert.Equal(decoded, MessageTokens.Decode(raw));

    [Fact]
    public void Values_without_known_tokens_are_left_alone()
    {
        Assert.Null(MessageTokens.Decode("%%99999"));
        Assert.Null(MessageTokens.Decode("100%% sure"));
        var e = new WinEvent { Channel = "Security" };
        e.Add("CommandLine", "cmd /c echo %PATH%");
        EventNormalizer.Normalize(e);
        Assert.Single(e.Fields);
        var batch = new WinEvent { Channel = Channels.Sysmon };
        batch.Add("CommandLine", "for %%1537 in (a) do echo %%1537"); // batch syntax, not a message token
        EventNormalizer.Normalize(batch);
        Assert.Single(batch.Fields);
    }
}
