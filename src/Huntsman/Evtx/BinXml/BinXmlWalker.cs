using static Huntsman.Evtx.BinXml.BinXmlToken;

namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Replays a record's BinXML into an <see cref="EventBuilder"/>: the usual record (fragment header +
/// template instance) only reads its value table and replays the chunk's compiled template; anything
/// else (raw elements, several fragments, nested BinXML values) is compiled on the spot.
/// </summary>
internal sealed class BinXmlWalker(ChunkData chunk, EventBuilder sink)
{
    private readonly ChunkData _chunk = chunk;
    private readonly EventBuilder _sink = sink;
    private bool _usePlans = true;
    /// <summary>
    /// Elements one record may expand to. Crafted templates can reference a nested BinXML value many times
    /// at every level; real records stay in the hundreds.
    /// </summary>
    private const int MaxElementsPerRecord = 100_000;
    private BinXmlValue[][] _values = new BinXmlValue[4][];
    private int _elements;

    /// <summary>Starts on another chunk (see <see cref="ChunkDecoder"/>); false makes every record take the tree walk.</summary>
    public void Reset(bool usePlans) => _usePlans = usePlans;

    /// <summary>Walks one record's BinXML [start, end), possibly several fragments.</summary>
    public void WalkRecord(int start, int end)
    {
        _elements = 0;
        WalkFragment(start, end, 0);
    }

    private void WalkFragment(int pos, int end, int depth)
    {
        if (depth > ChunkData.MaxDepth) throw new BinXmlException("nested BinXML too deep", pos);
        while (pos < end)
        {
            byte token = (byte)(_chunk.U8(pos) & ~MoreFlag);
            switch (token)
            {
                case FragmentHeader:
                    pos += 4;
                    break;
                case EndOfStream:
                    pos++;
                    if (!AnotherFragment(pos, end, depth)) return;
                    break;
                case TemplateInstance:
                    var template = _chunk.ReadTemplateInstance(ref pos, depth);
                    if (_values.Length <= depth) Array.Resize(ref _values, depth * 2 + 1);
                    ref var buffer = ref _values[depth];
                    buffer ??= new BinXmlValue[32];
                    int count = _chunk.ReadValues(ref pos, end, ref buffer);
                    var values = buffer.AsSpan(0, count);
                    if (_usePlans && NoArrays(values) && template.PlanFor(_sink.Depth, _sink.Section) is { } plan) Apply(plan, values, depth);
                    else Walk(template.Roots, values, depth);
                    break;
                default:
                    // Raw elements (no template): written by some non-Windows tools, and inside BinXML values.
                    var nodes = new FragmentCompiler(_chunk, dependencyIds: false, depth).Compile(ref pos, end);
                    Walk(nodes, default, depth);
                    if (!AnotherFragment(pos, end, depth)) return;
                    break;
            }
        }
    }

    /// <summary>Inside a BinXML value another fragment may follow its end; after a record's own end come only slack bytes.</summary>
    private bool AnotherFragment(int pos, int end, int depth) => depth > 0 && pos < end && _chunk.U8(pos) == FragmentHeader;

    /// <summary>Arrays repeat their element: such records take the tree walk.</summary>
    private static bool NoArrays(ReadOnlySpan<BinXmlValue> values)
    {
        foreach (ref readonly var v in values)
            if ((v.Type & BinXmlValueType.ArrayFlag) != 0) return false;
        return true;
    }

    /// <summary>The fast path: each step reads one value; nested BinXML is walked under the step's element path.</summary>
    private void Apply(TemplatePlan plan, ReadOnlySpan<BinXmlValue> values, int depth)
    {
        foreach (ref readonly var step in plan.Steps.AsSpan())
        {
            if (step.Guard >= 0 && Get(values, step.Guard).IsNull) continue;
            var value = step.Index < 0 ? step.Constant : Get(values, step.Index);
            if (step.Path is { } path && value.Type == BinXmlValueType.BinXml && value.Text is null)
            {
                _elements += path.Length;
                if (_elements > MaxElementsPerRecord) throw new BinXmlException($"record expands to more than {MaxElementsPerRecord} elements", 0);
                _sink.EnterPath(path);
                WalkFragment(value.Offset, value.Offset + value.Length, depth + 1);
                _sink.LeavePath(path.Length);
                continue;
            }
            if (step.Kind != PlanStepKind.Content) _sink.Apply(step, value);
        }
    }

    private void Walk(XmlNode[] nodes, ReadOnlySpan<BinXmlValue> values, int depth)
    {
        foreach (var node in nodes) Content(node, values, depth, -1, default);
    }

    private void Content(XmlNode node, ReadOnlySpan<BinXmlValue> values, int depth, int arrayIndex, in BinXmlValue arrayItem)
    {
        switch (node)
        {
            case ElementNode element:
                Element(element, values, depth);
                break;
            case TextNode text:
                _sink.Text(text.Value);
                break;
            case SubstitutionNode s:
                Value(s.Index == arrayIndex ? arrayItem : Get(values, s.Index), depth);
                break;
            case TemplateInstanceNode instance:
                if (depth >= ChunkData.MaxDepth) throw new BinXmlException("template instances nested too deep", 0);
                Walk(instance.Template.Roots, instance.Values, depth + 1);
                break;
        }
    }

    private void Element(ElementNode element, ReadOnlySpan<BinXmlValue> values, int depth)
    {
        if (element.OnlyOptionalContent && AllNull(element.Children, values)) return;
        int index = element.ContentSubstitution;
        if (index >= 0 && index < values.Length && values[index].IsArray)
        {
            // An array repeats its element once per item; an empty array still gives one empty element.
            var items = ValueRenderer.SplitArray(_chunk.Bytes, values[index]);
            if (items.Count == 0) Emit(element, values, depth, index, new BinXmlValue(""));
            foreach (var item in items) Emit(element, values, depth, index, item);
            return;
        }
        Emit(element, values, depth, -1, default);
    }

    private void Emit(ElementNode element, ReadOnlySpan<BinXmlValue> values, int depth, int arrayIndex, in BinXmlValue arrayItem)
    {
        if (++_elements > MaxElementsPerRecord) throw new BinXmlException($"record expands to more than {MaxElementsPerRecord} elements", 0);
        _sink.StartElement(element.Name);
        foreach (var attribute in element.Attributes) Attribute(attribute, values);
        foreach (var child in element.Children) Content(child, values, depth, arrayIndex, arrayItem);
        _sink.EndElement();
    }

    private void Attribute(AttributeNode attribute, ReadOnlySpan<BinXmlValue> values)
    {
        var parts = attribute.Parts;
        if (parts.Length == 1)
        {
            switch (parts[0])
            {
                case TextNode text:
                    _sink.Attribute(attribute.Name, text.Value);
                    return;
                case SubstitutionNode s:
                    var value = Get(values, s.Index);
                    if (value.IsNull && s.Optional) return;
                    _sink.Attribute(attribute.Name, value.IsArray || value.Type == BinXmlValueType.BinXml ? new BinXmlValue(Flatten(value)) : value);
                    return;
            }
        }
        var joined = new System.Text.StringBuilder();
        foreach (var part in parts)
        {
            if (part is TextNode t) joined.Append(t.Value.Text);
            else if (part is SubstitutionNode s) joined.Append(Flatten(Get(values, s.Index)));
        }
        _sink.Attribute(attribute.Name, new BinXmlValue(joined.ToString()));
    }

    private void Value(in BinXmlValue value, int depth)
    {
        if (value.IsNull) return;
        if (value.Type == BinXmlValueType.BinXml) WalkFragment(value.Offset, value.Offset + value.Length, depth + 1);
        else if (value.IsArray) _sink.Text(new BinXmlValue(Flatten(value)));
        else _sink.Text(value);
    }

    /// <summary>An array or BinXML value where only text fits (an attribute, a second substitution): items joined by ", ".</summary>
    private string Flatten(in BinXmlValue value)
    {
        if (value.Type == BinXmlValueType.BinXml) return Convert.ToHexString(_chunk.Span(value.Offset, value.Length));
        if (!value.IsArray) return ValueRenderer.Render(_chunk.Bytes, value);
        var items = ValueRenderer.SplitArray(_chunk.Bytes, value);
        var rendered = new string[items.Count];
        for (int i = 0; i < rendered.Length; i++) rendered[i] = ValueRenderer.Render(_chunk.Bytes, items[i]);
        return string.Join(", ", rendered);
    }

    private static bool AllNull(XmlNode[] children, ReadOnlySpan<BinXmlValue> values)
    {
        foreach (var child in children)
            if (!Get(values, ((SubstitutionNode)child).Index).IsNull) return false;
        return true;
    }

    private static BinXmlValue Get(ReadOnlySpan<BinXmlValue> values, int index) => index < values.Length ? values[index] : default;
}
