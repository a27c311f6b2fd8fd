namespace Huntsman.Tests.Evtx;

/// <summary>A Windows-shaped &lt;Event&gt; template (System with 18 substitutions, then a caller's payload) and its values.</summary>
internal static class EvtxTestEvents
{
    public const int FirstPayloadIndex = 18;
    public static readonly Guid ProviderGuid = new("54849625-5478-4994-a5ba-3e3b0328c30d");
    public static readonly Guid ActivityGuid = new("0a1b2c3d-4e5f-6071-8293-a4b5c6d7e8f9");
    public static readonly DateTime Created = new DateTime(2016, 7, 8, 18, 12, 51, DateTimeKind.Utc).AddTicks(6816408);

    public static Action<BinXmlWriter> Definition(Action<BinXmlWriter> payload) => w =>
    {
        w.Open("Event", true).Attr("xmlns").Text("http://schemas.microsoft.com/win/2004/08/events/event").CloseStart();
        w.Open("System").CloseStart();
        w.Open("Provider", true).Attr("Name", more: true).Sub(0, 0x01).Attr("Guid").Sub(1, 0x0f, optional: true).CloseEmpty();
        w.Open("EventID", true).Attr("Qualifiers").Sub(2, 0x06, optional: true).CloseStart().Sub(3, 0x06).End();
        w.Element("Version", 4, 0x04).Element("Level", 5, 0x04).Element("Task", 6, 0x06).Element("Opcode", 7, 0x04);
        w.Element("Keywords", 8, 0x15);
        w.Open("TimeCreated", true).Attr("SystemTime").Sub(9, 0x11).CloseEmpty();
        w.Element("EventRecordID", 10, 0x0a);
        w.Open("Correlation", true).Attr("ActivityID", more: true).Sub(11, 0x0f, optional: true)
            .Attr("RelatedActivityID").Sub(12, 0x0f, optional: true).CloseEmpty();
        w.Open("Execution", true).Attr("ProcessID", more: true).Sub(13, 0x08).Attr("ThreadID").Sub(14, 0x08).CloseEmpty();
        w.Element("Channel", 15, 0x01).Element("Computer", 16, 0x01);
        w.Open("Security", true).Attr("UserID").Sub(17, 0x13, optional: true).CloseEmpty();
        w.End(); // System
        payload(w);
        w.End(); // Event
    };

    /// <summary>&lt;EventData&gt; with the given Data elements.</summary>
    public static Action<BinXmlWriter> EventData(Action<BinXmlWriter> data) => w =>
    {
        w.Open("EventData").CloseStart();
        data(w);
        w.End();
    };

    public static TestValue[] Values(long recordId, ushort eventId, params TestValue[] payload) =>
    [
        TestValue.Str("Microsoft-Windows-Security-Auditing"), TestValue.Guid(ProviderGuid), TestValue.Null, TestValue.U16(eventId),
        TestValue.U8(2), TestValue.U8(0), TestValue.U16(12544), TestValue.U8(0), TestValue.Hex64(0x8020000000000000),
        TestValue.FileTime(Created), TestValue.U64((ulong)recordId), TestValue.Guid(ActivityGuid), TestValue.Null,
        TestValue.U32(716), TestValue.U32(4396), TestValue.Str("Security"), TestValue.Str("WIN-HOST.corp.local"),
        TestValue.Sid("S-1-5-21-3623811015-3361044348-30300820-1013"),
        .. payload,
    ];

    /// <summary>A one-chunk file whose records all use one template with the given payload.</summary>
    public static byte[] File(Action<BinXmlWriter> payload, params TestValue[][] recordPayloads)
    {
        var writer = new EvtxTestWriter();
        var chunk = writer.NewChunk();
        for (int i = 0; i < recordPayloads.Length; i++)
        {
            long id = 100 + i;
            var values = Values(id, 4624, recordPayloads[i]);
            chunk.AddRecord(id, w => w.FragmentHeader().Template("event", Definition(payload), values).Eof());
        }
        chunk.Finish();
        return writer.ToFile();
    }
}
