using Huntsman.Report.Html;
using Xunit;

namespace Huntsman.Tests.Report;

public class HtmlTextTests
{
    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("<b a=\"1\" b='2'>&amp;</b>", "&lt;b a=&quot;1&quot; b=&#39;2&#39;&gt;&amp;amp;&lt;/b&gt;")]
    [InlineData("invoice\u202Efdp.exe", "invoice⟨U+202E⟩fdp.exe")]
    [InlineData("a\u2066b\u2069c\u200Bd\uFEFF", "a⟨U+2066⟩b⟨U+2069⟩c⟨U+200B⟩d⟨U+FEFF⟩")]
    [InlineData("nul\0bell\a esc\u001b c1\u0085", "nul⟨U+0000⟩bell⟨U+0007⟩ esc⟨U+001B⟩ c1⟨U+0085⟩")]
    [InlineData("tab\tcr\rlf\n", "tab\tcr\rlf\n")]
    [InlineData("emoji \uD83D\uDE00 ok", "emoji \uD83D\uDE00 ok")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escapes_markup_and_shows_disguising_characters(string? input, string expected) =>
        Assert.Equal(expected, HtmlText.Escape(input));

    [Fact]
    public void Lone_surrogates_are_shown_not_passed_on() =>
        Assert.Equal("lone ⟨U+D800⟩ surrogate ⟨U+DC00⟩", HtmlText.Escape("lone " + (char)0xD800 + " surrogate " + (char)0xDC00));

    [Fact]
    public void Unchanged_text_is_returned_without_copying()
    {
        const string text = @"C:\Windows\System32\cmd.exe /c whoami";
        Assert.Same(text, HtmlText.Escape(text));
    }
}
