namespace Huntsman.Evtx.BinXml;

/// <summary>A node of a compiled BinXML fragment: parsed once per chunk, replayed per record with its values.</summary>
internal abstract class XmlNode;

/// <summary>Literal character data: text, CDATA, or a decoded entity/character reference.</summary>
internal sealed class TextNode(string text) : XmlNode
{
    public BinXmlValue Value { get; } = new(text);
}

/// <summary>A hole filled by the record's value at <see cref="Index"/>.</summary>
internal sealed class SubstitutionNode(int index, bool optional) : XmlNode
{
    public int Index { get; } = index;
    /// <summary>Optional (0x0e): a Null value removes the element or attribute that holds it.</summary>
    public bool Optional { get; } = optional;
}

/// <summary>A template instance met inside a fragment, with the values it carries.</summary>
internal sealed class TemplateInstanceNode(CompiledTemplate template, BinXmlValue[] values) : XmlNode
{
    public CompiledTemplate Template { get; } = template;
    public BinXmlValue[] Values { get; } = values;
}

internal sealed class AttributeNode(string name, XmlNode[] parts)
{
    public string Name { get; } = name;
    /// <summary>Text and substitution nodes whose concatenation is the value.</summary>
    public XmlNode[] Parts { get; } = parts;
}

internal sealed class ElementNode(string name, AttributeNode[] attributes, XmlNode[] children) : XmlNode
{
    public string Name { get; } = name;
    public AttributeNode[] Attributes { get; } = attributes;
    public XmlNode[] Children { get; } = children;

    /// <summary>Index of the first substitution among the direct children (-1 if none): an array there repeats this element.</summary>
    public int ContentSubstitution { get; } = FirstSubstitution(children);

    /// <summary>True when the content is only optional substitutions: all Null ⇒ the element is left out.</summary>
    public bool OnlyOptionalContent { get; } = children.Length > 0 && Array.TrueForAll(children, c => c is SubstitutionNode { Optional: true });

    private static int FirstSubstitution(XmlNode[] children)
    {
        foreach (var c in children)
            if (c is SubstitutionNode s) return s.Index;
        return -1;
    }
}

/// <summary>A template definition compiled once per chunk.</summary>
internal sealed class CompiledTemplate(XmlNode[] roots)
{
    public XmlNode[] Roots { get; } = roots;
    private List<(int Depth, EventSection Section, TemplatePlan? Plan)>? _plans;

    /// <summary>The fields this template yields when placed at <paramref name="depth"/> in <paramref name="section"/> (null: walk the tree).</summary>
    public TemplatePlan? PlanFor(int depth, EventSection section)
    {
        _plans ??= new(1);
        foreach (var (d, s, plan) in _plans)
            if (d == depth && s == section) return plan;
        var built = TemplatePlan.TryBuild(Roots, depth, section);
        _plans.Add((depth, section, built));
        return built;
    }
}
