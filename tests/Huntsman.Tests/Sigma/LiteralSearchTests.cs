using Huntsman.Sigma.Detection;
using Huntsman.Sigma.Matching;
using Xunit;

namespace Huntsman.Tests.Sigma;

/// <summary>
/// The literal prefilter must mark exactly the entries one of whose literals occurs (ordinal ignore-case), whatever
/// path it takes: hashed three-char prefixes, one/two-char literals, split prefix groups, the anchor scan for small
/// sets, SearchValues for long values. A literal that must start, end or equal the value marks exactly when it is there.
/// </summary>
public class LiteralSearchTests
{
    private static void AgreesWithContains(List<string> literals, IEnumerable<string> values)
    {
        var search = new LiteralSearch(null, literals.Select((l, i) => (l, LiteralPosition.Anywhere, i)));
        var candidates = new ulong[(literals.Count + 63) / 64];
        foreach (var value in values)
        {
            Array.Clear(candidates);
            search.Scan(value, candidates);
            for (int i = 0; i < literals.Count; i++)
            {
                bool expected = value.Contains(literals[i], StringComparison.OrdinalIgnoreCase);
                bool marked = (candidates[i >> 6] & (1UL << i)) != 0;
                Assert.True(expected == marked, $"literal '{literals[i]}' in '{value}': expected {expected}");
            }
        }
    }

    private static string Random(Random random, string alphabet, int min, int max) =>
        new(Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    [Theory]
    [InlineData(5, "abk:zE \\.")] // small set with selective chars: anchor scan
    [InlineData(40, "abcdeKZ:")] // small set, SearchValues on long values
    [InlineData(300, "abcdeKZ:")] // large set: hashed prefixes
    [InlineData(300, "ab")] // large set over two letters: dense bitsets, big same-prefix groups
    [InlineData(20, "aAsSkK\u212Aſı-")] // case variants that ordinal ignore-case keeps apart
    [InlineData(60, "a-\u00B5\u03BC\u039C\uD83D\uDE00\u263A")] // non-ASCII one- and two-char literals: micro signs, emoji halves
    [InlineData(60, "`@{[$\u0004\"-fF")] // short regex literals ("`", "${", "-f"): punctuation whose folds collide (` @, { [)
    public void MarksExactlyTheLiteralsThatOccur(int count, string alphabet)
    {
        var random = new Random(count * 31 + alphabet.Length);
        var literals = Enumerable.Range(0, count).Select(_ => Random(random, alphabet, 1, 9)).ToList();
        var values = Enumerable.Range(0, 400).Select(i => Random(random, alphabet, 0, i % 4 == 0 ? 400 : 40))
            .Concat(literals.Select(l => "xx" + l.ToUpperInvariant() + "yy")).ToList();
        AgreesWithContains(literals, values);
    }

    [Fact]
    public void KeywordSetWithRareChars()
    {
        List<string> literals = ["dpapi::masterkey", "eo.oe.kiwi", "event::clear", "gentilkiwi.com", "lsadump::", "Kiwi Legit Printer", "mimikatz"];
        Assert.NotNull(AnchorScan.TryCreate(literals.Select(l => (l, new[] { 0 })).ToArray()));
        string[] values =
        [
            "", "C:\\Windows\\System32\\svchost.exe", "2024-05-06T07:08:09Z", "LSADUMP::SAM /system", "x eo.oe.KIWI", "mimikat",
            "Event::Clear", "gentilkiwi.co", "kiwi legit printer driver", "::::kkkk", "MIMIKATZ.EXE privilege::debug",
        ];
        AgreesWithContains(literals, values);
    }

    private static readonly List<string> MimikatzKeywords =
    [
        "dpapi::masterkey", "eo.oe.kiwi", "event::clear", "event::drop", "gentilkiwi.com", "kerberos::golden", "kerberos::ptc",
        "kerberos::ptt", "kerberos::tgt", "Kiwi Legit Printer", "lsadump::", "mimidrv.sys", "\\mimilib.dll", "misc::printnightmare",
        "misc::shadowcopies", "misc::skeleton", "privilege::backup", "privilege::debug", "privilege::driver", "sekurlsa::",
    ];

    [Fact]
    public void MimikatzKeywordsAnchorOnRarePairs()
    {
        Assert.NotNull(AnchorScan.TryCreate(MimikatzKeywords.Select(l => (l, new[] { 0 })).ToArray()));
        var random = new Random(7);
        // Values of every length around the 16-char blocks, each literal planted (in a random case mix) at a random offset.
        var values = new List<string>();
        foreach (var literal in MimikatzKeywords)
            for (int length = 0; length < 60; length += 3)
            {
                var filler = Random(random, "SePrivilege:kiwm.\\ \n", length, length);
                int at = random.Next(length + 1);
                var planted = new string(literal.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c).ToArray());
                values.Add(filler[..at] + planted + filler[at..]);
                values.Add(filler);
                values.Add(filler + planted[..^1]);
            }
        values.Add(string.Concat(Enumerable.Repeat("SeDebugPrivilege\nprivilege::\n", 40)) + "privilege::debug");
        AgreesWithContains(MimikatzKeywords, values);
    }

    [Theory]
    [InlineData(3, "kiwm:.\\xq")] // rare pairs at distances 1 to 3
    [InlineData(6, "kqzx;'")] // several anchors, some literals sharing one
    [InlineData(4, "qKk\u212Aſsıi")] // chars with non-ASCII case variants are never anchors
    public void AnchorScanMarksExactlyOnAnyLength(int count, string alphabet)
    {
        var random = new Random(count * 17 + alphabet.Length);
        for (int round = 0; round < 20; round++)
        {
            var literals = Enumerable.Range(0, count).Select(_ => Random(random, alphabet, 1, 6)).ToList();
            var values = Enumerable.Range(0, 300).Select(i => Random(random, alphabet, 0, i % 70))
                .Concat(literals.Select(l => l.ToUpperInvariant())).ToList();
            AgreesWithContains(literals, values);
        }
    }

    [Fact]
    public void FewFirstCharsAreFoundWhateverTheirCase()
    {
        // Two first chars, one of them not ASCII: a vectorised search for every char that folds like them.
        var random = new Random(7);
        var literals = Enumerable.Range(0, 200).Select(i => (i % 2 == 0 ? "s" : "\u00E9") + Random(random, "abcdefgh", 2, 6)).ToList();
        var values = Enumerable.Range(0, 300).Select(_ => Random(random, "abcdefghsS\u017F\u00E9\u00C9", 0, 60))
            .Concat(literals.Select(l => "x" + char.ToUpperInvariant(l[0]) + l[1..] + "y")).ToList();
        AgreesWithContains(literals, values);
    }

    [Fact]
    public void HashListsSharingAPrefix()
    {
        var random = new Random(5);
        var literals = Enumerable.Range(0, 200).Select(_ => "IMPHASH=" + Random(random, "0123456789ABCDEF", 32, 32))
            .Concat(Enumerable.Range(0, 200).Select(_ => "SHA256=" + Random(random, "0123456789abcdef", 64, 64))).ToList();
        var values = literals.Where((_, i) => i % 7 == 0).Select(l => "MD5=00,SHA1=11," + l.ToLowerInvariant() + ",X=1")
            .Append("SHA256=" + new string('0', 64)).Append("IMPHASH=").ToList();
        AgreesWithContains(literals, values);
    }

    private static bool IsAt(string value, string literal, LiteralPosition position) => position switch
    {
        LiteralPosition.Start => value.StartsWith(literal, StringComparison.OrdinalIgnoreCase),
        LiteralPosition.End => value.EndsWith(literal, StringComparison.OrdinalIgnoreCase),
        LiteralPosition.Whole => value.Equals(literal, StringComparison.OrdinalIgnoreCase),
        _ => value.Contains(literal, StringComparison.OrdinalIgnoreCase),
    };

    [Theory]
    [InlineData(8, "ab\\|.e")] // few literals: anchor scan for the anywhere ones
    [InlineData(400, "abcE\\|.:")] // many: start keys longer than the cap, end keys cut at a backslash
    [InlineData(300, "aAsSkK\u212A\u017F\u0131\\")] // case variants that ordinal ignore-case keeps apart
    public void PositionalLiteralsMarkExactlyWhereTheyAre(int count, string alphabet)
    {
        var random = new Random(count * 17 + alphabet.Length);
        var positions = Enum.GetValues<LiteralPosition>();
        var literals = Enumerable.Range(0, count)
            .Select(_ => (Text: Random(random, alphabet, 1, 24), Position: positions[random.Next(positions.Length)])).ToList();
        var values = Enumerable.Range(0, 600).Select(i => Random(random, alphabet, 0, i % 5 == 0 ? 300 : 30))
            .Concat(literals.SelectMany(l => new[] { l.Text.ToUpperInvariant(), "x\\" + l.Text, l.Text + "\\y", "q" + l.Text.ToLowerInvariant() + "q" }))
            .ToList();
        var search = new LiteralSearch(null, literals.Select((l, i) => (l.Text, l.Position, i)));
        var candidates = new ulong[(count + 63) / 64];
        foreach (var value in values)
        {
            Array.Clear(candidates);
            search.Scan(value, candidates);
            for (int i = 0; i < count; i++)
            {
                bool expected = IsAt(value, literals[i].Text, literals[i].Position);
                bool marked = (candidates[i >> 6] & (1UL << i)) != 0;
                Assert.True(expected == marked, $"{literals[i].Position} literal '{literals[i].Text}' in '{value}': expected {expected}");
            }
        }
    }
}
