using System.Runtime.InteropServices;
using static Huntsman.Evtx.BinXml.BinXmlToken;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Turns a BinXML token stream (a template definition, or raw content inside a record or a nested
/// BinXML value) into <see cref="XmlNode"/>s. Element starts carry a dependency id only inside
/// template definitions (<paramref name="dependencyIds"/>); reading it elsewhere would shift every later byte.
/// </summary>
internal sealed class FragmentCompiler(ChunkData chunk, bool dependencyIds, int depth)
{
    private readonly ChunkData _chunk = chunk;
    private readonly bool _dependencyIds = dependencyIds;
    private readonly int _baseDepth = depth;
    private int _limit;
    /// <summary>
    /// One scratch stack for the nodes, attributes and parts being gathered at every level: each level pushes above the
    /// levels it is nested in and pops its own range into an exact-size array (no list per element, no regrowth).
    /// </summary>
    private readonly List<XmlNode> _nodes = new(32);
    private readonly List<AttributeNode> _attributes = new(8);

    private XmlNode[] Pop(int from)
    {
        int count = _nodes.Count - from;
        if (count == 0) return [];
        var result = new XmlNode[count];
        _nodes.CopyTo(from, result, 0, count);
        _nodes.RemoveRange(from, count);
        return result;
    }

    /// <summary>Where the last <see cref="Compile(int, int)"/> stopped: every byte it read lies before this offset.</summary>
    public int Consumed { get; private set; }

    /// <summary>Compiles [start, end) up to its end-of-stream token (or the end).</summary>
    public XmlNode[] Compile(int start, int end)
    {
        _limit = end;
        int pos = start;
        var nodes = Content(ref pos, end, _baseDepth, insideElement: false);
        Consumed = pos;
        return nodes;
    }

    /// <summary>Compiles from <paramref name="pos"/> to the end-of-stream token and leaves <paramref name="pos"/> after it.</summary>
    public XmlNode[] Compile(ref int pos, int end)
    {
        _limit = end;
        return Content(ref pos, end, _baseDepth, insideElement: false);
    }

    private XmlNode[] Content(ref int pos, int end, int depth, bool insideElement)
    {
        if (depth > ChunkData.MaxDepth) throw new BinXmlException("elements nested too deeply", pos);
        int from = _nodes.Count;
        while (pos < end)
        {
            byte token = (byte)(_chunk.U8(pos) & ~MoreFlag);
            switch (token)
            {
                case EndOfStream:
                    pos++;
                    return Pop(from);
                case FragmentHeader:
                    pos += 4;
                    break;
                case OpenStartElement:
                    _nodes.Add(Element(ref pos, end, depth));
                    break;
                case EndElement:
                    if (!insideElement) throw new BinXmlException("end of element without a start", pos);
                    pos++;
                    return Pop(from);
                case TemplateInstance:
                    _nodes.Add(Instance(ref pos, end, depth));
                    break;
                case PiTarget:
                    pos++;
                    _chunk.ReadNameRef(ref pos);
                    break;
                case PiData:
                    pos++;
                    ReadUtf16(ref pos);
                    break;
                default:
                    var part = ValuePart(ref pos) ?? throw new BinXmlException($"unexpected token 0x{_chunk.U8(pos):x2} in content", pos);
                    _nodes.Add(part);
                    break;
            }
        }
        if (insideElement) throw new BinXmlException("element not closed before the end of its data", pos);
        return Pop(from);
    }

    private ElementNode Element(ref int pos, int end, int depth)
    {
        bool hasAttributes = (_chunk.U8(pos) & MoreFlag) != 0;
        pos++;
        if (_dependencyIds) pos += 2;
        pos += 4; // element data size: the end token is what closes it
        var name = _chunk.ReadNameRef(ref pos);
        if (hasAttributes) pos += 4; // attribute list size
        int firstAttribute = _attributes.Count;
        while (pos < end && (_chunk.U8(pos) & ~MoreFlag) == BinXmlToken.Attribute)
        {
            pos++;
            var attrName = _chunk.ReadNameRef(ref pos);
            int firstPart = _nodes.Count;
            while (pos < end && ValuePart(ref pos) is { } part) _nodes.Add(part);
            _attributes.Add(new AttributeNode(attrName, Pop(firstPart)));
        }
        AttributeNode[] attributes = [];
        if (_attributes.Count > firstAttribute)
        {
            attributes = new AttributeNode[_attributes.Count - firstAttribute];
            _attributes.CopyTo(firstAttribute, attributes, 0, attributes.Length);
            _attributes.RemoveRange(firstAttribute, attributes.Length);
        }
        byte close = _chunk.U8(pos);
        pos++;
        XmlNode[] children = close switch
        {
            CloseEmptyElement => [],
            CloseStartElement => Content(ref pos, end, depth + 1, insideElement: true),
            _ => throw new BinXmlException($"element <{name}> has token 0x{close:x2} where its start should close", pos - 1),
        };
        return new ElementNode(name, attributes, children);
    }

    /// <summary>Reads one text-like token (value, substitution, CDATA, character or entity reference), or returns null.</summary>
    private XmlNode? ValuePart(ref int pos)
    {
        byte token = (byte)(_chunk.U8(pos) & ~MoreFlag);
        switch (token)
        {
            case Value:
                byte type = _chunk.U8(pos + 1);
                if (type != BinXmlValueType.String) throw new BinXmlException($"value token of type 0x{type:x2}", pos);
                pos += 2;
                return new TextNode(ReadUtf16(ref pos));
            case CData:
                pos++;
                return new TextNode(ReadUtf16(ref pos));
            case CharRef:
                var code = _chunk.U16(pos + 1);
                pos += 3;
                return new TextNode(((char)code).ToString());
            case EntityRef:
                pos++;
                return new TextNode(Entity(_chunk.ReadNameRef(ref pos)));
            case NormalSubstitution:
            case OptionalSubstitution:
                int index = _chunk.U16(pos + 1);
                _chunk.U8(pos + 3); // declared type: the value's own descriptor is what counts
                pos += 4;
                return new SubstitutionNode(index, token == OptionalSubstitution);
            default:
                return null;
        }
    }

    private TemplateInstanceNode Instance(ref int pos, int end, int depth)
    {
        var template = _chunk.ReadTemplateInstance(ref pos, depth);
        var values = Array.Empty<BinXmlValue>();
        int count = _chunk.ReadValues(ref pos, end, ref values);
        return new TemplateInstanceNode(template, values.AsSpan(0, count).ToArray());
    }

    private string ReadUtf16(ref int pos)
    {
        int count = _chunk.U16(pos);
        if (pos + 2 + count * 2 > _limit) throw new BinXmlException($"text of {count} characters runs past its fragment", pos);
        var bytes = _chunk.Span(pos + 2, count * 2);
        pos += 2 + count * 2;
        return new string(MemoryMarshal.Cast<byte, char>(bytes));
    }

    private static string Entity(string name) => name switch
    {
        "lt" => "<",
        "gt" => ">",
        "amp" => "&",
        "quot" => "\"",
        "apos" => "'",
        _ => "&" + name + ";",
    };
}
