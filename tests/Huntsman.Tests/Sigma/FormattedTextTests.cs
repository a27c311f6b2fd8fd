using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Evtx.BinXml;
using Huntsman.Sigma.Matching;
using Xunit;
using static Huntsman.Tests.Sigma.SigmaKit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// The keyword prefilter skips formatted EVTX scalars (numbers, GUIDs, SIDs, times) when no keyword can occur in them:
/// the alphabet it relies on must hold for everything the renderer produces, and the skip must not change a match.
/// </summary>
public class FormattedTextTests
{
    private static readonly byte[] FormattedTypes =
    [
        BinXmlValueType.Null, BinXmlValueType.Int8, BinXmlValueType.UInt8, BinXmlValueType.Int16, BinXmlValueType.UInt16,
        BinXmlValueType.Int32, BinXmlValueType.UInt32, BinXmlValueType.Int64, BinXmlValueType.UInt64, BinXmlValueType.Real32,
        BinXmlValueType.Real64, BinXmlValueType.Bool, BinXmlValueType.Binary, BinXmlValueType.Guid, BinXmlValueType.SizeT,
        BinXmlValueType.FileTime, BinXmlValueType.SystemTime, BinXmlValueType.Sid, BinXmlValueType.HexInt32, BinXmlValueType.HexInt64,
    ];

    [Fact]
    public void EveryRenderingOfAFormattedTypeStaysInTheAlphabet()
    {
        var random = new Random(7);
        var pool = new StringPool();
        foreach (var type in FormattedTypes)
            for (int round = 0; round < 2000; round++)
            {
                var bytes = new byte[random.Next(0, 40)];
                random.NextBytes(bytes);
                if (round % 3 == 0 && bytes.Length > 1) bytes[1] = (byte)random.Next(0, 6); // SIDs with a plausible sub-authority count
                var value = new BinXmlValue(type, 0, bytes.Length);
                foreach (var text in new[] { ValueRenderer.Render(bytes, value), ValueRenderer.Render(bytes, value, pool) })
                    Assert.True(text.Length == 0 || FormattedText.MayContain(text), $"type 0x{type:x2}: {text}");
            }
        foreach (var special in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, 1e300, -1.5e-300 })
            Assert.True(FormattedText.MayContain(ValueRenderer.Render(BinXmlValueType.Real64, BitConverter.GetBytes(special))));
    }

    [Theory]
    [InlineData("4624", true)]
    [InlineData("0x3E7", true)]
    [InlineData("s-1-5-18", true)]
    [InlineData("{B2C3}", true)]
    [InlineData("Infin", true)]
    [InlineData("RUE", true)]
    [InlineData("Seatbelt", false)] // every char appears in some formatted text, but not together
    [InlineData("Adfind", false)]
    [InlineData("mimikatz", false)]
    [InlineData("C:\\", false)]
    [InlineData("sekurlsa::", false)]
    public void LiteralsThatCouldOccurInFormattedText(string literal, bool may) => Assert.Equal(may, FormattedText.MayContain(literal));

    [Fact]
    public void EveryCharEqualToAnAlphabetCharIgnoringCaseMayOccur()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            var text = ((char)c).ToString();
            var alphabet = FormattedText.Symbols + string.Concat(FormattedText.Words);
            bool equalsOne = alphabet.Any(a => text.Equals(a.ToString(), StringComparison.OrdinalIgnoreCase));
            Assert.True(equalsOne == FormattedText.MayContain(text), $"U+{c:X4}");
        }
    }

    /// <summary>Strings, with the values at <paramref name="formatted"/> reported as formatted scalars; counts renders.</summary>
    private sealed class TypedValues(string[] texts, int[] formatted) : LazyFieldValues
    {
        public int Renders;
        public override string Render(int index)
        {
            Interlocked.Increment(ref Renders);
            return texts[index];
        }

        public override ReadOnlySpan<char> Chars(int index) => formatted.Contains(index) ? Render(index) : texts[index];

        public override bool TryGetFreeText(int index, out ReadOnlySpan<char> chars)
        {
            chars = formatted.Contains(index) ? default : texts[index];
            return !formatted.Contains(index);
        }
    }

    private static (WinEvent Event, TypedValues Values) Logon(params string[] keywordsInValues)
    {
        (string Name, string Value)[] fields =
        [
            ("TargetUserSid", "S-1-5-18"), ("TargetUserName", "SYSTEM"), ("LogonType", "5"), ("LogonGuid", "{00000000-0000-0000-0000-000000000000}"),
            ("ProcessName", @"C:\Windows\System32\services.exe"),
        ];
        var values = new TypedValues(fields.Select(f => f.Value).ToArray(), [0, 2, 3]);
        var e = new WinEvent { Channel = Channels.Security, EventId = 4624, Provider = "Test", Computer = "HOST" };
        for (int i = 0; i < fields.Length; i++) e.Fields.Add(new EventField(fields[i].Name, values, i));
        return (e, values);
    }

    private const string AnySecurity = "product: windows\n    service: security";

    [Fact]
    public void KeywordsThatCannotOccurInFormattedValuesLeaveThemUnrendered()
    {
        var set = Load(RuleYaml("keywords:\n    - 'mimikatz'\n    - 'sekurlsa::'\ncondition: keywords", AnySecurity));
        var (e, values) = Logon();
        Assert.False(Matches(set, e));
        Assert.Equal(0, values.Renders);
    }

    [Theory]
    [InlineData("S-1-5-18")] // in a formatted SID: the set holds a literal that may occur there, so nothing is skipped
    [InlineData("00000000-0000")]
    [InlineData("services.exe")]
    public void KeywordsStillMatchFormattedValues(string keyword)
    {
        var set = Load(RuleYaml($"keywords:\n    - 'mimikatz'\n    - '{keyword}'\ncondition: keywords", AnySecurity));
        Assert.True(Matches(set, Logon().Event));
    }
}
