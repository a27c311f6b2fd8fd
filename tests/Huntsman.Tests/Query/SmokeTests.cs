using Huntsman.Query;
using Xunit;
using Xunit.Abstractions;

namespace Huntsman.Tests.Query;

public sealed class SmokeTests(SyntheticCase c, ITestOutputHelper output) : IClassFixture<SyntheticCase>
{
    [Theory]
    [InlineData("DeviceProcessEvents\n| where FileName =~ \"rundll32.exe\"\n| project Timestamp, DeviceName, InitiatingProcessCommandLine")]
    [InlineData("index=sysmon Image=\"*rundll32.exe\"\n| stats count by Computer, CommandLine")]
    [InlineData("DeviceProcessEvents | summarize count() by DeviceName, FileName")]
    [InlineData("Event | where Fields.Image has \"rundll32\" | take 3")]
    public void Runs(string q)
    {
        output.WriteLine(HuntQuery.ToSql(c.Store, q));
        var r = HuntQuery.Run(c.Store, q);
        output.WriteLine(string.Join(" | ", r.Columns));
        foreach (var row in r.Rows.Take(20)) output.WriteLine(string.Join(" | ", row));
    }
}
