using System.Globalization;
using System.Text;

namespace Huntsman.Report.Html;

/// <summary>
/// Escapes untrusted text for HTML text nodes and double-quoted attribute values (HTML and SVG alike):
/// &amp; &lt; &gt; " ' are encoded, and invisible characters that can disguise content — C0/C1 controls,
/// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width marks, unpaired
/// surrogates — are shown (tab, CR and LF pass) as a visible ⟨U+XXXX⟩ token instead of being rendered.
/// </summary>
public static class HtmlText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        int i = 0;
        while (i < text.Length && !NeedsWork(text, i)) i++;
        if (i == text.Length) return text;
        var sb = new StringBuilder(text.Length + 16);
        sb.Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                case '\t' or '\n' or '\r': sb.Append(c); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[++i]);
                    }
                    else if (IsDisguising(c) || char.IsSurrogate(c))
                    {
                        sb.Append("⟨U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('⟩');
                    }
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static bool NeedsWork(string text, int i)
    {
        char c = text[i];
        return c is '&' or '<' or '>' or '"' or '\'' || (c is not ('\t' or '\n' or '\r') && IsDisguising(c)) || char.IsSurrogate(c);
    }

    private static bool IsDisguising(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F)
        || (c >= '\u200B' && c <= '\u200F')   // zero-width space/joiners, LRM, RLM
        || (c >= '\u202A' && c <= '\u202E')   // bidi embeddings and overrides
        || (c >= '\u2066' && c <= '\u2069')   // bidi isolates
        || c == '\u061C' || c == '\uFEFF';
}
