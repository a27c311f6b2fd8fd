using System.Text;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Evtx.BinXml;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// The matcher caches where a field's text is stored (<see cref="LazyFieldValues.TryGetUtf16"/>) after its first read in an
/// event: later reads must see exactly the text <see cref="EventField.Chars"/> gives, event after event.
/// </summary>
public class TextSourceTests
{
    /// <summary>Values stored as UTF-16LE in one array, with padding around each text (so offsets matter).</summary>
    private sealed class Utf16Values : LazyFieldValues
    {
        private readonly byte[] _bytes;
        private readonly (int Offset, int Length)[] _texts;

        public Utf16Values(string[] texts)
        {
            var all = new List<byte>();
            _texts = new (int, int)[texts.Length];
            for (int i = 0; i < texts.Length; i++)
            {
                all.AddRange(Encoding.Unicode.GetBytes("##"));
                _texts[i] = (all.Count, texts[i].Length);
                all.AddRange(Encoding.Unicode.GetBytes(texts[i] + "#"));
            }
            _bytes = all.ToArray();
        }

        public override string Render(int index) => new(Chars(index));
        public override ReadOnlySpan<char> Chars(int index) =>
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, char>(_bytes.AsSpan(_texts[index].Offset, _texts[index].Length * 2));

        public override bool TryGetUtf16(int index, out byte[]? bytes, out int offset, out int length)
        {
            (bytes, offset, length) = (_bytes, _texts[index].Offset, _texts[index].Length);
            return true;
        }
    }

    private static WinEvent Lazy(params (string Name, string Value)[] fields)
    {
        var values = new Utf16Values(fields.Select(f => f.Value).ToArray());
        var e = new WinEvent { Channel = Channels.Sysmon, EventId = 1, Provider = "Test", Computer = "HOST" };
        for (int i = 0; i < fields.Length; i++) e.Fields.Add(new EventField(fields[i].Name, values, i));
        return e;
    }

    [Fact]
    public void CachedTextIsReadExactlyAcrossRulesAndEvents()
    {
        // Several rules read Image and CommandLine; alternating events must not see the previous event's text.
        var set = Load(RuleYaml("a:\n    Image|endswith: '\\cmd.exe'\nb:\n    CommandLine|contains: 'whoami'\nc:\n    CommandLine|endswith: '/all'\ncondition: a and b and c"));
        var hit = Lazy(("Image", @"C:\Windows\System32\cmd.exe"), ("CommandLine", "cmd /c whoami /all"));
        var miss = Lazy(("Image", @"C:\Windows\System32\cmd.exe"), ("CommandLine", "cmd /c whoami /al"));
        var absent = Lazy(("Image", @"C:\Windows\System32\cmd.exe"));
        for (int round = 0; round < 3; round++)
        {
            Assert.True(Matches(set, hit));
            Assert.False(Matches(set, miss));
            Assert.False(Matches(set, absent));
            Assert.True(Matches(set, Sysmon(1, ("Image", @"C:\Windows\System32\cmd.exe"), ("CommandLine", "cmd /c whoami /all"))));
        }
    }

    [Fact]
    public void RecordValuesStoreStringsAsTheirCharsAndFormatOthers()
    {
        // Slot table for two values, then "abc" + two NULs (UTF-16LE), then a UInt32.
        var text = Encoding.Unicode.GetBytes("abc\0\0");
        var bytes = new byte[2 * RecordValues.SlotSize + text.Length + 4];
        RecordValues.WriteSlot(bytes, 0, 0, text.Length, BinXmlValueType.String);
        RecordValues.WriteSlot(bytes, 1, text.Length, 4, BinXmlValueType.UInt32);
        text.CopyTo(bytes, 2 * RecordValues.SlotSize);
        BitConverter.GetBytes(4624u).CopyTo(bytes, 2 * RecordValues.SlotSize + text.Length);
        var values = new RecordValues(bytes, 2);

        Assert.True(values.TryGetUtf16(0, out var utf16, out int offset, out int length));
        Assert.Equal("abc", Encoding.Unicode.GetString(utf16!, offset, length * 2));
        Assert.Equal("abc", values.Chars(0).ToString());
        Assert.True(values.TryGetFreeText(0, out var free));
        Assert.Equal("abc", free.ToString());

        Assert.False(values.TryGetUtf16(1, out _, out _, out _));
        Assert.False(values.TryGetFreeText(1, out _));
        Assert.Equal("4624", values.Chars(1).ToString());
    }
}
