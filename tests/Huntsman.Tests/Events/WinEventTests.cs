using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Xunit;

namespace Huntsman.Tests.Events;

public class WinEventTests
{
    [Fact]
    public void Lookup_is_case_insensitive_and_falls_back_to_system_fields_and_aliases()
    {
        var e = new WinEvent { EventId = 4688, Channel = "Security", Computer = "PC1" };
        e.Add("NewProcessName", @"C:\Windows\System32\cmd.exe");
        e.Add("NewProcessId", "0x1a4");
        e.Add("ProcessId", "0x10");
        Assert.Equal(@"C:\Windows\System32\cmd.exe", e.Get("image"));
        Assert.Equal("4688", e.Get("EventID"));
        Assert.Equal("PC1", e.Get("Computer"));
        Assert.Null(e.Get("Nope"));
        Assert.True(ProcessStart.TryFrom(e, out var p));
        Assert.Equal(0x1a4, p.ProcessId);
        Assert.Equal(0x10, p.ParentProcessId);
    }
}
