using System.Text;
using System.Xml;
using Huntsman.Events;

namespace Huntsman.Readers.Xml;

/// <summary>
/// Parses one &lt;Event&gt; element into a document tree. Hostile input is expected: no DTDs, no external
/// resolution, bounded nesting. Character references for control characters are accepted (CheckCharacters off)
/// because Windows writes them for odd event strings.
/// </summary>
internal static class XmlEventParser
{
    private const int MaxDepth = 64;

    private static readonly XmlReaderSettings Settings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
        MaxCharactersFromEntities = 1024,
    };

    /// <summary>Parses the XML text of one event; throws <see cref="XmlException"/> with line/position when malformed.</summary>
    public static EventNode Parse(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings);
        var stack = new Stack<(EventNode Node, StringBuilder Text)>();
        EventNode? root = null;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (stack.Count >= MaxDepth) throw new XmlException($"elements nested deeper than {MaxDepth}", null,
                        ((IXmlLineInfo)reader).LineNumber, ((IXmlLineInfo)reader).LinePosition);
                    var node = new EventNode(reader.LocalName);
                    if (reader.MoveToFirstAttribute())
                    {
                        do node.Attributes.Add(new(reader.LocalName == "xmlns" || reader.Prefix.Length == 0 ? reader.LocalName : reader.Name, reader.Value));
                        while (reader.MoveToNextAttribute());
                        reader.MoveToElement();
                    }
                    if (stack.Count > 0) stack.Peek().Node.Children.Add(node);
                    else if (root is null) root = node;
                    else throw new XmlException("more than one element where one <Event> was expected");
                    if (reader.IsEmptyElement) break;
                    stack.Push((node, new StringBuilder()));
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    if (stack.Count > 0) stack.Peek().Text.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    var (done, text) = stack.Pop();
                    // Indentation between child elements is not content.
                    if (text.Length > 0 && (done.Children.Count == 0 || !IsWhitespace(text))) done.Text = text.ToString();
                    else if (done.Children.Count == 0) done.Text = "";
                    break;
            }
        }
        return root ?? throw new XmlException("no element found");
    }

    private static bool IsWhitespace(StringBuilder text)
    {
        foreach (var chunk in text.GetChunks())
            if (!chunk.Span.IsWhiteSpace()) return false;
        return true;
    }
}
