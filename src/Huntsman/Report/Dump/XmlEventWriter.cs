using System.Text;
using System.Xml;
using Huntsman.Events;

namespace Huntsman.Report.Dump;

/// <summary>
/// Windows-style event XML inside one &lt;Events&gt; root, one &lt;Event&gt; per line. Characters XML cannot carry
/// literally (control characters, CR) are written as character references so values survive a round trip.
/// </summary>
public sealed class XmlEventWriter : IEventWriter
{
    private readonly StreamWriter _out;

    public XmlEventWriter(Stream output)
    {
        _out = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _out.Write("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>\n");
    }

    public void Write(WinEvent e)
    {
        WriteNode(EventDocuments.For(e));
        _out.Write('\n');
    }

    public void Complete()
    {
        _out.Write("</Events>\n");
        _out.Flush();
    }

    public void Dispose() => _out.Dispose();

    private void WriteNode(EventNode node)
    {
        var name = SafeName(node.Name);
        _out.Write('<');
        _out.Write(name);
        foreach (var (key, value) in node.Attributes)
        {
            _out.Write(' ');
            _out.Write(SafeName(key));
            _out.Write("=\"");
            Escape(value ?? "", attribute: true);
            _out.Write('"');
        }
        if (node.Children.Count == 0 && string.IsNullOrEmpty(node.Text))
        {
            _out.Write("/>");
            return;
        }
        _out.Write('>');
        if (!string.IsNullOrEmpty(node.Text)) Escape(node.Text, attribute: false);
        foreach (var child in node.Children) WriteNode(child);
        _out.Write("</");
        _out.Write(name);
        _out.Write('>');
    }

    private void Escape(string raw, bool attribute)
    {
        var text = SafeText.Clean(raw);
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            string? entity = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' when attribute => "&quot;",
                '\n' when !attribute => null,
                '\t' when !attribute => null,
                < ' ' or '\uFFFE' or '\uFFFF' => $"&#x{(int)c:X};",
                _ => null,
            };
            if (entity is null) continue;
            _out.Write(text.AsSpan(start, i - start));
            _out.Write(entity);
            start = i + 1;
        }
        _out.Write(text.AsSpan(start));
    }

    /// <summary>Names from JSON sources may not be XML names; they are encoded the XmlConvert way.</summary>
    private static string SafeName(string name)
    {
        if (name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            bool ok = true;
            foreach (var c in name)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')) { ok = false; break; }
            if (ok) return name;
        }
        return XmlConvert.EncodeLocalName(name) ?? "_";
    }
}
