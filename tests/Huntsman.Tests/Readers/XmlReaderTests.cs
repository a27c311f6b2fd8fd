using System.Text;
using Huntsman.Events;
using Huntsman.Readers;
using Huntsman.Readers.Xml;
using Xunit;

namespace Huntsman.Tests.Readers;

public class XmlReaderTests
{
    private const string Ns = "http://schemas.microsoft.com/win/2004/08/events/event";

    internal static string Event4624(long record, string user) =>
        $"<Event xmlns='{Ns}'><System><Provider Name='Microsoft-Windows-Security-Auditing' Guid='{{54849625-5478-4994-A5BA-3E3B0328C30D}}'/>" +
        "<EventID>4624</EventID><Version>2</Version><Level>0</Level><Task>12544</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>" +
        "<TimeCreated SystemTime='2021-03-04T05:06:07.1234567Z'/>" + $"<EventRecordID>{record}</EventRecordID>" +
        "<Correlation ActivityID='{11111111-2222-3333-4444-555555555555}'/><Execution ProcessID='612' ThreadID='700'/>" +
        "<Channel>Security</Channel><Computer>DC01.corp.local</Computer><Security/></System>" +
        $"<EventData><Data Name='SubjectUserSid'>S-1-5-18</Data><Data Name='TargetUserName'>{user}</Data>" +
        "<Data Name='LogonType'>3</Data><Data Name='ImpersonationLevel'>%%1833</Data><Data Name='IpAddress'>10.0.0.5</Data></EventData></Event>";

    private const string Event7045 =
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>\r\n  <System>\r\n    <Provider Name='Service Control Manager' EventSourceName='Service Control Manager'/>\r\n" +
        "    <EventID Qualifiers='16384'>7045</EventID>\r\n    <TimeCreated SystemTime='2021-03-04T05:06:08.000Z'/>\r\n    <EventRecordID>99</EventRecordID>\r\n" +
        "    <Channel>System</Channel>\r\n    <Computer>WS01</Computer>\r\n    <Security UserID='S-1-5-21-1-2-3-500'/>\r\n  </System>\r\n" +
        "  <EventData>\r\n    <Data Name='ServiceName'>PSEXESVC</Data>\r\n    <Data Name='ImagePath'>%SystemRoot%\\PSEXESVC.exe</Data>\r\n    <Data Name='Empty'></Data>\r\n  </EventData>\r\n" +
        "  <RenderingInfo Culture='en-US'>\r\n    <Message>A service was installed &amp; started.</Message>\r\n    <Level>Information</Level>\r\n" +
        "    <Keywords><Keyword>Classic</Keyword></Keywords>\r\n  </RenderingInfo>\r\n</Event>";

    private const string EventUserData =
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-Eventlog'/><EventID>1102</EventID>" +
        "<TimeCreated SystemTime='2021-03-04T05:06:09Z'/><EventRecordID>100</EventRecordID><Channel>Security</Channel><Computer>WS01</Computer></System>" +
        "<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/windows/eventlog'><SubjectUserSid>S-1-5-21-1</SubjectUserSid>" +
        "<SubjectUserName>admin</SubjectUserName><Nested><Leaf>x</Leaf></Nested></LogFileCleared></UserData></Event>";

    private const string EventUnnamed =
        "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='EventLog'/><EventID Qualifiers='32768'>6008</EventID>" +
        "<TimeCreated SystemTime='2021-03-04T05:06:10Z'/><EventRecordID>101</EventRecordID><Channel>System</Channel><Computer>WS01</Computer></System>" +
        "<EventData><Data>10:01:02</Data><Data>4/3/2021</Data><Binary>0A0B</Binary></EventData></Event>";

    [Fact]
    public void Wevtutil_fragment_without_root_or_trailing_newline_maps_like_evtx()
    {
        using var temp = new TempFolder();
        var path = temp.File("export.xml", Event4624(1, "alice") + "\n" + Event7045 + "\n" + EventUserData + EventUnnamed);
        var run = EvidenceRun.Of(path);
        Assert.Empty(run.Issues);
        Assert.Equal(4, run.Events.Count);

        var logon = run.Events[0];
        Assert.Equal(4624, logon.EventId);
        Assert.Equal("Microsoft-Windows-Security-Auditing", logon.Provider);
        Assert.Equal("{54849625-5478-4994-A5BA-3E3B0328C30D}", logon.ProviderGuid);
        Assert.Equal(new DateTime(2021, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567), logon.TimeCreated);
        Assert.Equal(DateTimeKind.Utc, logon.TimeCreated.Kind);
        Assert.Equal(1, logon.RecordId);
        Assert.Equal(612, logon.ProcessId);
        Assert.Equal(700, logon.ThreadId);
        Assert.Equal(2, logon.Version);
        Assert.Equal(12544, logon.Task);
        Assert.Equal("0x8020000000000000", logon.Keywords);
        Assert.Equal("{11111111-2222-3333-4444-555555555555}", logon.ActivityId);
        Assert.Null(logon.UserId);
        Assert.Equal("alice", logon.GetPayload("TargetUserName"));
        Assert.Equal("3", logon.GetPayload("LogonType"));
        Assert.Equal(1, logon.Origin.LineNumber);

        var service = run.Events[1];
        Assert.Equal(7045, service.EventId);
        Assert.Equal(16384, service.EventIdQualifiers);
        Assert.Equal("S-1-5-21-1-2-3-500", service.UserId);
        Assert.Equal("PSEXESVC", service.GetPayload("ServiceName"));
        Assert.Equal("", service.GetPayload("Empty"));
        Assert.Equal("A service was installed & started.", service.GetPayload("Message"));
        Assert.Equal("Information", service.GetPayload("RenderingInfo_Level"));
        Assert.Equal("Classic", service.GetPayload("RenderingInfo_Keyword"));
        Assert.Equal(2, service.Origin.LineNumber);

        var cleared = run.Events[2];
        Assert.Equal(["SubjectUserSid", "SubjectUserName", "Leaf"], cleared.Fields.Select(f => f.Name));
        Assert.Equal("admin", cleared.GetPayload("SubjectUserName"));

        var unnamed = run.Events[3];
        Assert.Equal(["10:01:02", "4/3/2021"], unnamed.GetAll("Data"));
        Assert.Equal("0A0B", unnamed.GetPayload("Binary"));
    }

    [Fact]
    public void Event_viewer_export_with_root_and_single_event_are_read()
    {
        using var temp = new TempFolder();
        var saved = temp.File("saved.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<Events>" + Event4624(5, "bob") + Event4624(6, "carol") + "</Events>");
        var single = temp.File("single.xml", Event7045);
        var run = EvidenceRun.Of(saved, single);
        Assert.Empty(run.Issues);
        Assert.Equal([5L, 6L, 99L], run.Events.Select(e => e.RecordId));
    }

    [Fact]
    public void Utf16_export_is_read()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "ps.xml");
        File.WriteAllText(path, Event4624(7, "dave") + "\r\n" + Event4624(8, "eve"), Encoding.Unicode);
        var run = EvidenceRun.Of(path);
        Assert.Empty(run.Issues);
        Assert.Equal(["dave", "eve"], run.Events.Select(e => e.GetPayload("TargetUserName")));
    }

    [Fact]
    public void Malformed_event_is_reported_with_its_line_and_the_rest_is_read()
    {
        using var temp = new TempFolder();
        var broken = Event4624(2, "x").Replace("<Data Name='LogonType'>3</Data>", "<Data Name='LogonType'>3</Dat>");
        var truncated = Event4624(3, "y")[..200];
        var path = temp.File("bad.xml", Event4624(1, "ok1") + "\n" + broken + "\n" + truncated + "\n" + Event4624(4, "ok2") + "\n");
        var run = EvidenceRun.Of(path);
        Assert.Equal([1L, 4L], run.Events.Select(e => e.RecordId));
        Assert.Equal(2, run.Skipped);
        Assert.Collection(run.Issues,
            i => { Assert.Equal(2, i.LineNumber); Assert.Contains("malformed XML at line 2", i.Reason); Assert.Equal(path, i.File); },
            i => { Assert.Equal(3, i.LineNumber); Assert.Contains("unterminated", i.Reason); });
        Assert.Equal(4, run.Events[1].Origin.LineNumber);
    }

    [Fact]
    public void Dtd_and_entity_expansion_are_refused_without_hanging()
    {
        using var temp = new TempFolder();
        var laughs = "<!DOCTYPE Event [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>\n" +
                     "<Event xmlns='x'><System><EventID>1</EventID><Computer>&c;</Computer></System></Event>\n" +
                     "<Event xmlns='x'><System><EventID>2</EventID><Computer>&#x1;ok</Computer></System></Event>";
        var run = EvidenceRun.Of(temp.File("dtd.xml", laughs));
        var e = Assert.Single(run.Events);
        Assert.Equal(2, e.EventId);
        Assert.Equal("\u0001ok", e.Computer);
        Assert.Single(run.Issues);
    }

    [Fact]
    public void Many_unterminated_events_are_each_reported_in_linear_time()
    {
        using var temp = new TempFolder();
        var path = temp.File("torn.xml", string.Concat(Enumerable.Repeat("<Event >", 100_000)) + Event4624(1, "last"));
        var run = EvidenceRun.Of(path);
        Assert.Equal(1L, Assert.Single(run.Events).RecordId);
        Assert.Equal(100_000, run.Skipped);
    }

    [Fact]
    public void Small_slices_give_the_same_events_and_lines_as_one_slice()
    {
        using var temp = new TempFolder();
        var text = new StringBuilder("<Events>\n");
        for (int i = 1; i <= 60; i++) text.Append(Event4624(i, "u" + i)).Append('\n');
        text.Append("</Events>");
        var path = temp.File("many.xml", text.ToString());
        var file = new EvidenceFile(path, path);
        var sliced = new XmlFormat().Open(file, new ReaderOptions(), 700).ToList();
        Assert.True(sliced.Count > 10);
        var events = sliced.SelectMany(u => u.Read().Events).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), events.Select(e => e.RecordId));
        Assert.Equal(Enumerable.Range(2, 60).Select(i => (long)i), events.Select(e => e.Origin.LineNumber));
    }
}
