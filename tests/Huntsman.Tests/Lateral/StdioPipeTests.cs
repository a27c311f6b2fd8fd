using Huntsman.Lateral;
using Xunit;

namespace Huntsman.Tests.Lateral;

public class StdioPipeTests
{
    [Theory]
    [InlineData(@"\PSEXESVC-FS03VULN-2124-stdin", "PSEXESVC", "FS03VULN", 2124, "stdin")]
    [InlineData("PSEXESVC-DESKTOP-AB12CD-77-stderr", "PSEXESVC", "DESKTOP-AB12CD", 77, "stderr")]
    [InlineData("blabla-NLLT108334-37048-stdout", "blabla", "NLLT108334", 37048, "stdout")]
    public void Parses_from_the_right_so_hyphenated_hosts_survive(string pipe, string svc, string host, long pid, string stream)
    {
        Assert.True(StdioPipe.TryParse(pipe, out var p));
        Assert.Equal(pid, p.Pid);
        Assert.Equal(stream, p.Stream);
        Assert.Equal((svc, host), p.Split(["PSEXESVC"]));
    }

    [Fact]
    public void A_hyphenated_service_name_is_split_off_when_the_service_is_known()
    {
        Assert.True(StdioPipe.TryParse("my-svc-WIN-5823BM4EN8O-4242-stdin", out var p));
        Assert.Equal(("my-svc", "WIN-5823BM4EN8O"), p.Split(["PSEXESVC", "my-svc"]));
    }

    [Theory]
    [InlineData("svcctl")]
    [InlineData("PSEXESVC")]
    [InlineData("x-12-stdio")]
    [InlineData("x-abc-stdin")]
    [InlineData("-1-stdin")]
    [InlineData("")]
    public void Rejects_non_stdio_names(string pipe) => Assert.False(StdioPipe.TryParse(pipe, out _));
}
