using System.Buffers.Binary;
using System.Text;
using Huntsman.Events;
using Huntsman.Evtx;
using Huntsman.Readers;
using Xunit;
using static Huntsman.Tests.Evtx.EvtxTestEvents;

namespace Huntsman.Tests.Evtx;

/// <summary>BinXML tokens and value types, on files written by <see cref="EvtxTestWriter"/> (no shared data needed).</summary>
public sealed class EvtxParserTests
{
    private static EvtxParseResult Parse(byte[] file, ReaderOptions? options = null) => EvtxParser.Parse(file, options ?? new ReaderOptions());

    private static WinEvent Single(byte[] file, ReaderOptions? options = null)
    {
        var result = Parse(file, options);
        Assert.Empty(result.Issues);
        return Assert.Single(result.Events);
    }

    [Fact]
    public void SystemFieldsAreTyped()
    {
        var e = Single(File(EventData(w => w.Data("TargetUserName", FirstPayloadIndex, 0x01)), [TestValue.Str("alice")]));
        Assert.Equal(4624, e.EventId);
        Assert.Null(e.EventIdQualifiers);
        Assert.Equal("Microsoft-Windows-Security-Auditing", e.Provider);
        Assert.Equal("{54849625-5478-4994-A5BA-3E3B0328C30D}", e.ProviderGuid);
        Assert.Equal(2, e.Version);
        Assert.Equal(0, e.Level);
        Assert.Equal(12544, e.Task);
        Assert.Equal(0, e.Opcode);
        Assert.Equal("0x8020000000000000", e.Keywords);
        Assert.Equal(Created, e.TimeCreated);
        Assert.Equal(DateTimeKind.Utc, e.TimeCreated.Kind);
        Assert.Equal(100, e.RecordId);
        Assert.Equal("{0A1B2C3D-4E5F-6071-8293-A4B5C6D7E8F9}", e.ActivityId);
        Assert.Null(e.RelatedActivityId);
        Assert.Equal(716, e.ProcessId);
        Assert.Equal(4396, e.ThreadId);
        Assert.Equal("Security", e.Channel);
        Assert.Equal("WIN-HOST.corp.local", e.Computer);
        Assert.Equal("S-1-5-21-3623811015-3361044348-30300820-1013", e.UserId);
        Assert.Equal("alice", e.Get("TargetUserName"));
        Assert.Equal("memory.evtx", e.Origin.File);
        Assert.Equal(0, e.Origin.ChunkIndex);
        Assert.Equal(4096 + 512, e.Origin.Offset);
        Assert.False(e.Origin.Recovered);
    }

    [Fact]
    public void TemplateDefinedInlineThenBackReferenced()
    {
        var file = File(EventData(w => w.Data("A", FirstPayloadIndex, 0x01)), [TestValue.Str("one")], [TestValue.Str("two")], [TestValue.Str("three")]);
        var result = Parse(file);
        Assert.Empty(result.Issues);
        Assert.Equal(["one", "two", "three"], result.Events.Select(e => e.Get("A") ?? "").ToArray());
        Assert.Equal([100L, 101, 102], result.Events.Select(e => e.RecordId).ToArray());
    }

    public static TheoryData<byte, byte[], string> ValueTypes => new()
    {
        { 0x01, Encoding.Unicode.GetBytes("text\0\0"), "text" },
        { 0x02, [0x63, 0x61, 0x66, 0xe9, 0x00], "café" },
        { 0x03, [0xfe], "-2" },
        { 0x04, [0xfe], "254" },
        { 0x05, BitConverter.GetBytes((short)-300), "-300" },
        { 0x06, BitConverter.GetBytes((ushort)65000), "65000" },
        { 0x07, BitConverter.GetBytes(-70000), "-70000" },
        { 0x08, BitConverter.GetBytes(4000000000u), "4000000000" },
        { 0x09, BitConverter.GetBytes(-5000000000L), "-5000000000" },
        { 0x0a, BitConverter.GetBytes(18000000000000000000UL), "18000000000000000000" },
        { 0x0b, BitConverter.GetBytes(1.5f), "1.5" },
        { 0x0c, BitConverter.GetBytes(-0.25), "-0.25" },
        { 0x0d, BitConverter.GetBytes(7), "true" },
        { 0x0d, BitConverter.GetBytes(0), "false" },
        { 0x0e, [0x01, 0xab, 0xff], "01ABFF" },
        { 0x0f, new Guid("54849625-5478-4994-a5ba-3e3b0328c30d").ToByteArray(), "{54849625-5478-4994-A5BA-3E3B0328C30D}" },
        { 0x10, BitConverter.GetBytes(0x1234u), "0x00001234" },
        { 0x10, BitConverter.GetBytes(0x1234UL), "0x0000000000001234" },
        { 0x11, BitConverter.GetBytes(new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(1234567).ToFileTimeUtc()), "2020-01-02T03:04:05.1234567Z" },
        { 0x12, SystemTime(2021, 12, 16, 10, 25, 30, 415), "2021-12-16T10:25:30.415Z" },
        { 0x13, TestValue.Sid("S-1-5-18").Bytes!, "S-1-5-18" },
        { 0x13, [1, 5, 0, 0, 0, 0, 0, 5, 21, 0, 0, 0], "010500000000000515000000" },
        { 0x14, BitConverter.GetBytes(0x3e7u), "0x3e7" },
        { 0x15, BitConverter.GetBytes(0x8020000000000000UL), "0x8020000000000000" },
        { 0x20, [0xde, 0xad], "DEAD" },
        { 0x08, [], "" },
        { 0x01, [], "" },
    };

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void EveryValueTypeRenders(byte type, byte[] bytes, string expected)
    {
        var e = Single(File(EventData(w => w.Data("V", FirstPayloadIndex, type)), [new TestValue(type, bytes)]));
        Assert.Equal(expected, e.Get("V"));
    }

    private static byte[] SystemTime(int y, int mo, int d, int h, int mi, int s, int ms)
    {
        var b = new byte[16];
        ushort[] parts = [(ushort)y, (ushort)mo, 4, (ushort)d, (ushort)h, (ushort)mi, (ushort)s, (ushort)ms];
        for (int i = 0; i < parts.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), parts[i]);
        return b;
    }

    [Fact]
    public void ArraysRepeatTheirElement()
    {
        var payload = EventData(w => w.Data("S", FirstPayloadIndex, 0x81).Data("N", FirstPayloadIndex + 1, 0x88)
            .Data("E", FirstPayloadIndex + 2, 0x81).Data("G", FirstPayloadIndex + 3, 0x8f));
        var g1 = Guid.NewGuid();
        var e = Single(File(payload, [
            new TestValue(0x81, Encoding.Unicode.GetBytes("a\0bc\0d\0")),
            new TestValue(0x88, [.. BitConverter.GetBytes(1u), .. BitConverter.GetBytes(2u)]),
            new TestValue(0x81, []),
            new TestValue(0x8f, g1.ToByteArray()),
        ]));
        Assert.Equal(["a", "bc", "d"], e.GetAll("S").ToArray());
        Assert.Equal(["1", "2"], e.GetAll("N").ToArray());
        Assert.Equal([""], e.GetAll("E").ToArray());
        Assert.Equal(["{" + g1.ToString().ToUpperInvariant() + "}"], e.GetAll("G").ToArray());
    }

    [Fact]
    public void OptionalNullRemovesNormalNullKeeps()
    {
        var payload = EventData(w => w.Data("Kept", FirstPayloadIndex, 0x01).Data("Removed", FirstPayloadIndex + 1, 0x01, optional: true));
        var e = Single(File(payload, [TestValue.Null, TestValue.Null]), new ReaderOptions { KeepDocument = true });
        Assert.Equal("", e.GetPayload("Kept"));
        Assert.Null(e.GetPayload("Removed"));
        var correlation = e.Document!.Child("System")!.Child("Correlation")!;
        Assert.NotNull(correlation.Attribute("ActivityID"));
        Assert.DoesNotContain(correlation.Attributes, a => a.Key == "RelatedActivityID");
    }

    [Fact]
    public void TextTokensEntitiesCDataAndProcessingInstructions()
    {
        var payload = EventData(w =>
        {
            w.Open("Data", true).Attr("Name").Text("Mixed").CloseStart()
                .Text("a").EntityRef("lt").Text("b").EntityRef("amp").CharRef('Z').CData("<raw>").PiTarget("pi").PiData("ignored").End();
            w.Open("Data").CloseStart().Text("first").End();
            w.Open("Data").CloseStart().Text("second").End();
            w.Open("Binary").CloseStart().Sub(FirstPayloadIndex, 0x0e).End();
        });
        var e = Single(File(payload, [new TestValue(0x0e, [0xca, 0xfe])]));
        Assert.Equal("a<b&Z<raw>", e.Get("Mixed"));
        Assert.Equal(["first", "second"], e.GetAll("Data").ToArray());
        Assert.Equal("CAFE", e.Get("Binary"));
    }

    [Fact]
    public void NestedBinXmlValuesUseTheChunkAndHaveNoDependencyIds()
    {
        // UserData as a BinXML value: raw elements (no dependency id), then a second fragment holding
        // a template instance whose definition (with dependency ids) is inline inside the value.
        var payload = (Action<BinXmlWriter>)(w => w.Open("UserData").CloseStart().Sub(FirstPayloadIndex, 0x21).End());
        var nested = TestValue.BinXml(n =>
        {
            n.FragmentHeader();
            n.Open("LogFileCleared", true).Attr("xmlns").Text("urn:x").CloseStart();
            n.Open("SubjectUserName").CloseStart().Text("bob").End();
            n.Open("Repeated").CloseStart().Text("1").End().Open("Repeated").CloseStart().Text("2").End();
            n.End().Eof();
            n.FragmentHeader().Template("inner", d => d.Open("Inner").CloseStart().Element("Deep", 0, 0x08).End(), TestValue.U32(42)).Eof();
        });
        var file = File(payload, [nested], [nested]);
        var result = Parse(file);
        Assert.Empty(result.Issues);
        Assert.Equal(2, result.Events.Count);
        foreach (var e in result.Events)
        {
            Assert.Equal("bob", e.Get("SubjectUserName"));
            Assert.Equal(["1", "2"], e.GetAll("Repeated").ToArray());
            Assert.Equal("42", e.Get("Deep"));
        }
    }

    [Fact]
    public void RenderingInfoAndProcessingErrorData()
    {
        var payload = (Action<BinXmlWriter>)(w =>
        {
            w.Open("ProcessingErrorData").CloseStart().Element("ErrorCode", FirstPayloadIndex, 0x08)
                .Element("DataItemName", FirstPayloadIndex + 1, 0x01).Element("EventPayload", FirstPayloadIndex + 2, 0x0e).End();
            w.Open("RenderingInfo", true).Attr("Culture").Text("en-US").CloseStart()
                .Element("Message", FirstPayloadIndex + 3, 0x01).Element("Level", FirstPayloadIndex + 4, 0x01).End();
        });
        var e = Single(File(payload, [TestValue.U32(15005), TestValue.Str("Item"), new TestValue(0x0e, [1, 2]), TestValue.Str("Hello"), TestValue.Str("Information")]));
        Assert.Equal("15005", e.Get("ErrorCode"));
        Assert.Equal("Item", e.Get("DataItemName"));
        Assert.Equal("0102", e.Get("EventPayload"));
        Assert.Equal("Hello", e.Get("Message"));
        Assert.Equal("Information", e.Get("RenderingInfo_Level"));
    }

    [Fact]
    public void RecordWithoutTemplateAndSlackAfterItsEnd()
    {
        var writer = new EvtxTestWriter();
        var chunk = writer.NewChunk();
        chunk.AddRecord(7, w =>
        {
            w.FragmentHeader();
            w.Open("Event").CloseStart().Open("System").CloseStart().Open("EventID").CloseStart().Text("4104").End()
                .Open("Channel").CloseStart().Text("Microsoft-Windows-PowerShell/Operational").End().End()
                .Open("EventData").CloseStart().Open("Data", true).Attr("Name").Text("ScriptBlockText").CloseStart().Text("Get-Process").End().End().End();
            w.Eof();
            w.Raw("0\00\0"u8); // stale bytes before the size copy, as some writers leave
        });
        chunk.Finish();
        var e = Single(writer.ToFile());
        Assert.Equal(4104, e.EventId);
        Assert.Equal(7, e.RecordId);
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), e.TimeCreated);
        Assert.Equal("Get-Process", e.Get("ScriptBlockText"));
    }

    [Fact]
    public void KeepDocumentBuildsTheWholeEvent()
    {
        var e = Single(File(EventData(w => w.Data("A", FirstPayloadIndex, 0x01)), [TestValue.Str("x<y")]), new ReaderOptions { KeepDocument = true });
        var doc = e.Document!;
        Assert.Equal("Event", doc.Name);
        Assert.Equal("http://schemas.microsoft.com/win/2004/08/events/event", doc.Attribute("xmlns"));
        Assert.Equal("4624", doc.Child("System")!.Child("EventID")!.Text);
        Assert.Equal("2016-07-08T18:12:51.6816408Z", doc.Child("System")!.Child("TimeCreated")!.Attribute("SystemTime"));
        var data = doc.Child("EventData")!.Child("Data")!;
        Assert.Equal("A", data.Attribute("Name"));
        Assert.Equal("x<y", data.Text);
        Assert.Null(Single(File(EventData(w => w.Data("A", FirstPayloadIndex, 0x01)), [TestValue.Str("x")])).Document);
    }

    [Fact]
    public void SniffRecognisesTheSignatureOnly()
    {
        var format = new EvtxFormat();
        Assert.True(format.Sniff("ElfFile\0rest"u8, "a.evtx"));
        Assert.False(format.Sniff("ElfChnk\0"u8, "a.evtx"));
        Assert.False(format.Sniff("Elf"u8, "a.evtx"));
        Assert.Contains(EvidenceFormats.All, f => f is EvtxFormat);
    }
}
