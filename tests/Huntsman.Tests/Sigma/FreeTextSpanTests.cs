using System.Text;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Evtx.BinXml;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// The keyword prefilter takes a parsed record's String values as one span (<see cref="LazyFieldValues.TryGetFreeTextSpan"/>)
/// instead of copying field by field. Values of odd byte length shift the Strings after them to odd offsets; each layout must
/// still find a keyword in every String, and fall back to field by field where one span cannot hold them all.
/// </summary>
public class FreeTextSpanTests
{
    /// <summary>The record's values packed as BinXML packs them: back to back, whatever each one's length.</summary>
    private static RecordValues Pack(params (byte Type, byte[] Bytes)[] values)
    {
        int table = values.Length * RecordValues.SlotSize;
        var bytes = new byte[table + values.Sum(v => v.Bytes.Length)];
        for (int i = 0, offset = 0; i < values.Length; offset += values[i].Bytes.Length, i++)
        {
            RecordValues.WriteSlot(bytes, i, offset, values[i].Bytes.Length, values[i].Type);
            values[i].Bytes.CopyTo(bytes, table + offset);
        }
        return new RecordValues(bytes, values.Length);
    }

    private static (byte, byte[]) Text(string s) => (BinXmlValueType.String, Encoding.Unicode.GetBytes(s + "\0"));
    private static (byte, byte[]) Byte(byte b) => (BinXmlValueType.UInt8, [b]);
    private static (byte, byte[]) Number(uint n) => (BinXmlValueType.UInt32, BitConverter.GetBytes(n));

    [Fact]
    public void StringsOfOneParityComeAsOneSpan()
    {
        var values = Pack(Text("alpha"), Number(4624), Byte(1), Byte(2), Text("beta"));
        Assert.True(values.TryGetFreeTextSpan(out var span));
        var text = span.ToString();
        Assert.Contains("alpha", text);
        Assert.Contains("beta", text);
    }

    [Fact]
    public void StringsOfMixedParityOrTextOnlyTheRendererMakesAreRefused()
    {
        Assert.False(Pack(Text("alpha"), Byte(1), Text("beta")).TryGetFreeTextSpan(out _));
        Assert.False(Pack(Text("alpha"), (BinXmlValueType.AnsiString, "beta"u8.ToArray())).TryGetFreeTextSpan(out _));
        Assert.True(Pack(Number(1), Byte(2)).TryGetFreeTextSpan(out var none));
        Assert.True(none.IsEmpty);
    }

    public static TheoryData<int> Layouts() => new() { 0, 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void KeywordsAreFoundInEveryStringWhateverTheLayout(int oddBytesBefore)
    {
        var set = Load(RuleYaml("keywords:\n    - 'sekurlsa::'\n    - 'kerberos::golden'\ncondition: keywords",
            "product: windows\n    service: security"));
        foreach (var (keywordAt, expected) in new[] { (0, true), (1, true), (-1, false) })
        {
            var values = new List<(byte, byte[])> { Text(keywordAt == 0 ? "x sekurlsa::logonpasswords" : "plain") };
            for (int i = 0; i < oddBytesBefore; i++) values.Add(Byte((byte)i));
            values.Add(Number(7));
            values.Add(Text(keywordAt == 1 ? "KERBEROS::GOLDEN /user:x" : "other"));
            var record = Pack(values.ToArray());
            var e = new WinEvent { Channel = Channels.Security, EventId = 4688, Provider = "Test", Computer = "HOST" };
            for (int i = 0; i < values.Count; i++) e.Fields.Add(new EventField("F" + i, record, i));
            e.Fields.Add(new EventField("Decoded", "not a keyword"));
            Assert.Equal(expected, Matches(set, e));
        }
    }

    [Fact]
    public void KeywordsInStringFieldsBesideARecordAreFound()
    {
        var set = Load(RuleYaml("keywords:\n    - 'sekurlsa::'\ncondition: keywords", "product: windows\n    service: security"));
        var record = Pack(Text("plain"), Number(1));
        var e = new WinEvent { Channel = Channels.Security, EventId = 4688, Provider = "Test", Computer = "HOST" };
        e.Fields.Add(new EventField("A", record, 0));
        e.Fields.Add(new EventField("B", "run sekurlsa::tickets"));
        e.Fields.Add(new EventField("C", record, 1));
        Assert.True(Matches(set, e));
    }
}
