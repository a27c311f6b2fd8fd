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

/// <summary>A template definition compiled once per chunk, or once for many chunks and threads (see <see cref="TemplateCache"/>).</summary>
internal sealed class CompiledTemplate(XmlNode[] roots)
{
    public XmlNode[] Roots { get; } = roots;
    /// <summary>Copy-on-write: threads sharing the template read it without a lock.</summary>
    private (int Depth, EventSection Section, TemplatePlan? Plan)[] _plans = [];

    /// <summary>The fields this template yields when placed at <paramref name="depth"/> in <paramref name="section"/> (null: walk the tree).</summary>
    public TemplatePlan? PlanFor(int depth, EventSection section)
    {
        var plans = Volatile.Read(ref _plans);
        if (Find(plans, depth, section, out var found)) return found;
        var built = TemplatePlan.TryBuild(Roots, depth, section);
        while (true)
        {
            var seen = Interlocked.CompareExchange(ref _plans, [.. plans, (depth, section, built)], plans);
            if (seen == plans) return built;
            plans = seen;
            if (Find(plans, depth, section, out found)) return found; // another thread built the same plan meanwhile
        }
    }

    private static bool Find((int Depth, EventSection Section, TemplatePlan? Plan)[] plans, int depth, EventSection section, out TemplatePlan? plan)
    {
        foreach (var (d, s, p) in plans)
            if (d == depth && s == section)
            {
                plan = p;
                return true;
            }
        plan = null;
        return false;
    }
}
