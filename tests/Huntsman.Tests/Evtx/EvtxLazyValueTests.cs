using System.Reflection;
using System.Text;
using Huntsman.Events;
using Huntsman.Evtx;
using Huntsman.Evtx.BinXml;
using Huntsman.Readers;
using Xunit;
using static Huntsman.Tests.Evtx.EvtxTestEvents;

namespace Huntsman.Tests.Evtx;

/// <summary>
/// Payload values stay undecoded in the event (<see cref="RecordValues"/>) until asked for: they must render exactly
/// as the eager path does, expose strings as characters without a string, and outlive the pooled chunk buffer.
/// </summary>
public sealed class EvtxLazyValueTests
{
    private static readonly FieldInfo ValueSlot = typeof(EventField).GetField("_value", BindingFlags.NonPublic | BindingFlags.Instance)
        ?? throw new InvalidOperationException("EventField keeps its value in _value");

    private static bool IsLazy(EventField field) => ValueSlot.GetValue(field) is LazyFieldValues;

    public static TheoryData<byte, byte[], string> ValueTypes()
    {
        var data = EvtxParserTests.ValueTypes;
        var longText = string.Concat(Enumerable.Repeat("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\", 4));
        data.Add(0x01, Encoding.Unicode.GetBytes(longText + "\0"), longText); // beyond the string pool's length
        data.Add(0x01, Encoding.Unicode.GetBytes("Ünïcødé ✓ 日本"), "Ünïcødé ✓ 日本");
        data.Add(0x01, Encoding.Unicode.GetBytes("a\0b"), "a\0b"); // only trailing NULs go
        data.Add(0x23, [0x3c, 0x3e], "3C3E");
        data.Add(0x3f, [0x01, 0x02], "0102");
        return data;
    }

    [Theory]
    [MemberData(nameof(ValueTypes))]
    public void LazyValuesRenderAsTheEagerPathForEveryType(byte type, byte[] bytes, string expected)
    {
        var file = File(EventData(w => w.Data("V", FirstPayloadIndex, type)), [new TestValue(type, bytes)]);
        var planned = Field(EvtxParser.Parse(file, new ReaderOptions()));
        var walked = Field(EvtxParser.Parse(file, new ReaderOptions(), usePlans: false));
        // The full document takes the tree walk and renders every value eagerly.
        var eager = Field(EvtxParser.Parse(file, new ReaderOptions { KeepDocument = true }));
        Assert.False(IsLazy(eager));
        Assert.Equal(bytes.Length > 0, IsLazy(planned));
        Assert.Equal(bytes.Length > 0, IsLazy(walked));
        Assert.Equal(ValueRenderer.Render(type, bytes), eager.Value);
        Assert.Equal(expected, eager.Value);
        Assert.Equal(expected, planned.Value);
        Assert.Equal(expected, walked.Value);
        Assert.Equal(expected, planned.Chars.ToString());
        Assert.Same(planned.Value, planned.Value); // rendered once, then cached
    }

    private static EventField Field(EvtxParseResult result)
    {
        Assert.Empty(result.Issues);
        return Assert.Single(Assert.Single(result.Events).Fields);
    }

    [Fact]
    public void CharsOfAStringValueIsItsTextWithoutRendering()
    {
        var payload = EventData(w => w.Data("A", FirstPayloadIndex, 0x01).Data("B", FirstPayloadIndex + 1, 0x01).Data("N", FirstPayloadIndex + 2, 0x08));
        var file = File(payload, [TestValue.Str("powershell.exe -enc SQBFAFgA\0"), TestValue.Str(""), TestValue.U32(4688)]);
        var e = Assert.Single(EvtxParser.Parse(file, new ReaderOptions()).Events);
        var values = Lazy(e);
        Assert.Equal("powershell.exe -enc SQBFAFgA", e.Fields[0].Chars.ToString());
        Assert.Equal(0, RenderedCount(values)); // the characters came straight from the copied bytes
        Assert.Equal("", e.Fields[1].Chars.ToString());
        Assert.Equal("4688", e.Fields[2].Chars.ToString()); // not a string: rendered
        Assert.Equal(1, RenderedCount(values));
        foreach (var f in e.Fields) Assert.Equal(f.Value, f.Chars.ToString());
        Assert.Equal(e.Fields.Count, e.Fields.Capacity);
    }

    [Fact]
    public void EventsOutliveTheirReusedChunkBuffer()
    {
        var payload = EventData(w => w.Data("Image", FirstPayloadIndex, 0x01).Data("ProcessId", FirstPayloadIndex + 1, 0x14));
        var a = File(payload, [TestValue.Str("C:\\a\\first.exe"), new TestValue(0x14, BitConverter.GetBytes(0x1a4u))],
            [TestValue.Str("C:\\a\\second.exe"), new TestValue(0x14, BitConverter.GetBytes(0x2b8u))]);
        var b = File(payload, [TestValue.Str("C:\\b\\other-program.exe"), new TestValue(0x14, BitConverter.GetBytes(0xffffu))]);
        var buffer = new byte[EvtxFileHeader.ChunkSize]; // one buffer for both chunks, as the pool hands it out
        var first = ReadChunk(a, buffer);
        var second = ReadChunk(b, buffer);
        Array.Fill(buffer, (byte)0xcc); // whatever the next chunk leaves in it
        Assert.All(first.Events.Concat(second.Events).SelectMany(e => e.Fields), f => Assert.True(IsLazy(f)));
        Assert.Equal(["C:\\a\\first.exe|0x1a4", "C:\\a\\second.exe|0x2b8"], first.Events.Select(Describe));
        Assert.Equal(["C:\\b\\other-program.exe|0xffff"], second.Events.Select(Describe));
        Assert.Equal("C:\\a\\first.exe", first.Events[0].Fields[0].Chars.ToString());
    }

    private static EventBatch ReadChunk(byte[] file, byte[] buffer)
    {
        Array.Copy(file, EvtxFileHeader.Size, buffer, 0, EvtxFileHeader.ChunkSize);
        var batch = new EventBatch(null!);
        new EvtxChunkReader("memory.evtx", 0, EvtxFileHeader.Size, buffer, buffer.Length, new ReaderOptions(), batch).Read();
        Assert.Empty(batch.Issues);
        return batch;
    }

    private static string Describe(WinEvent e) => string.Join('|', e.Fields.Select(f => f.Value));

    [Fact]
    public void SecurityTokensAreDecodedWithoutRenderingTheOtherValues()
    {
        var payload = EventData(w => w.Data("SubjectUserName", FirstPayloadIndex, 0x01).Data("ImpersonationLevel", FirstPayloadIndex + 1, 0x01)
            .Data("TargetLogonId", FirstPayloadIndex + 2, 0x15));
        var file = File(payload, [TestValue.Str("alice"), TestValue.Str("%%1833"), TestValue.Hex64(0x3e7)],
            [TestValue.Str("bob"), TestValue.Str("%%1833"), TestValue.Hex64(0x3e8)]);
        var events = EvtxParser.Parse(file, new ReaderOptions()).Events;
        Assert.Equal(2, events.Count);
        foreach (var e in events)
        {
            Assert.Equal(["SubjectUserName", "ImpersonationLevel", "ImpersonationLevel", "TargetLogonId"], e.Fields.Select(f => f.Name));
            Assert.Equal("Impersonation", e.Fields[2].Value);
            Assert.True(RenderedCount(Lazy(e)) <= 1, "only the token value may have been rendered");
            Assert.Equal(e.Fields.Count, e.Fields.Capacity); // room for the sibling was made when the list was built
        }
        Assert.Equal(["alice", "%%1833", "Impersonation", "0x3e7"], events[0].Fields.Select(f => f.Value));
    }

    [Fact]
    public void RenderingFromManyThreadsGivesTheSameText()
    {
        var values = Enumerable.Range(0, 40).Select(i => TestValue.Str($"value number {i}")).ToArray();
        var payload = EventData(w =>
        {
            for (int i = 0; i < values.Length; i++) w.Data($"F{i}", FirstPayloadIndex + i, 0x01);
        });
        var e = Assert.Single(EvtxParser.Parse(File(payload, values), new ReaderOptions()).Events);
        var seen = new string[4][];
        Parallel.For(0, seen.Length, t => seen[t] = e.Fields.Select(f => f.Value).ToArray());
        var expected = Enumerable.Range(0, 40).Select(i => $"value number {i}").ToArray();
        Assert.All(seen, s => Assert.Equal(expected, s));
    }

    private static RecordValues Lazy(WinEvent e) =>
        Assert.IsType<RecordValues>(e.Fields.Select(f => ValueSlot.GetValue(f)).First(v => v is RecordValues));

    private static int RenderedCount(RecordValues values) =>
        (typeof(RecordValues).GetField("_rendered", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(values) as string?[])?.Count(s => s is not null) ?? 0;
}
