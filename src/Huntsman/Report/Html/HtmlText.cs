using System.Buffers;
using System.Globalization;
using System.Text;

namespace Huntsman.Report.Html;

/// <summary>
/// Escapes untrusted text for HTML text nodes and double-quoted attribute values (HTML and SVG alike):
/// &amp; &lt; &gt; " ' are encoded, and invisible characters that can disguise content — C0/C1 controls,
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width marks, unpaired
/// surrogates — are shown as a visible ⟨U+XXXX⟩ token instead of being rendered (tab, CR and LF pass).
/// </summary>
public static class HtmlText
{
    /// <summary>Every character that needs more than copying; surrogates are checked for pairing.</summary>
    private static readonly SearchValues<char> Special = SearchValues.Create(BuildSpecial());

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var span = text.AsSpan();
        int next = span.IndexOfAny(Special);
        if (next < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        while (next >= 0)
        {
            sb.Append(span[..next]);
            char c = span[next];
            int used = 1;
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && next + 1 < span.Length && char.IsLowSurrogate(span[next + 1]))
                    {
                        sb.Append(c).Append(span[next + 1]);
                        used = 2;
                    }
                    else sb.Append("⟨U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('⟩');
                    break;
            }
            span = span[(next + used)..];
            next = span.IndexOfAny(Special);
        }
        return sb.Append(span).ToString();
    }

    private static string BuildSpecial()
    {
        var sb = new StringBuilder("&<>\"'");
        for (char c = '\0'; c < ' '; c++)
            if (c is not ('\t' or '\n' or '\r')) sb.Append(c);
        for (char c = '\u007F'; c <= '\u009F'; c++) sb.Append(c);
        for (char c = '\u200B'; c <= '\u200F'; c++) sb.Append(c);   // zero-width space/joiners, LRM, RLM
        for (char c = '\u202A'; c <= '\u202E'; c++) sb.Append(c);   // bidi embeddings and overrides
        for (char c = '\u2066'; c <= '\u2069'; c++) sb.Append(c);   // bidi isolates
        sb.Append('\u061C').Append('\uFEFF');
        for (int c = 0xD800; c <= 0xDFFF; c++) sb.Append((char)c);
        return sb.ToString();
    }
}
