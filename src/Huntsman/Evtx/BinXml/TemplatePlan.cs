namespace Huntsman.Evtx.BinXml;

internal enum PlanStepKind : byte
{
    /// <summary>A payload field.</summary>
    Field,
    /// <summary>The text of a System child element.</summary>
    SystemText,
    /// <summary>An attribute of a System child element.</summary>
    SystemAttribute,
    /// <summary>Content that yields no field unless it is nested BinXML.</summary>
    Content,
}

/// <summary>
/// One step of a plan: the value is substitution <see cref="Index"/> (or <see cref="Constant"/>); the step is
/// skipped when the optional substitution <see cref="Guard"/> is Null (its element is removed). A nested BinXML
/// value is walked under <see cref="Path"/>, the elements from the plan's root down to the one holding it.
/// System steps carry the <see cref="System"/> value their element or attribute sets, resolved when the plan is built.
/// </summary>
internal readonly record struct PlanStep(PlanStepKind Kind, string Name, int Index, BinXmlValue Constant,
    int Guard, bool Optional, string[]? Path, SystemField System = SystemField.None);

/// <summary>
/// A template compiled to the fields it yields (the same rules as <see cref="EventBuilder"/>), for a given depth
/// and section of the event it is placed in, so a record is read from its values without walking the element tree.
/// Built only for templates whose shape is static: every field is one substitution or one literal. Records whose
/// values are arrays take the tree walk.
/// </summary>
internal sealed class TemplatePlan
{
    private TemplatePlan(PlanStep[] steps) => Steps = steps;

    public PlanStep[] Steps { get; }

    public static TemplatePlan? TryBuild(XmlNode[] roots, int baseDepth, EventSection section)
    {
        var steps = new List<PlanStep>();
        var path = new List<string>();
        foreach (var root in roots)
            if (root is not ElementNode element || !Visit(element, baseDepth, section, path, steps)) return null;
        return new TemplatePlan(steps.ToArray());
    }

    private static bool Visit(ElementNode element, int depth, EventSection section, List<string> path, List<PlanStep> steps)
    {
        if (depth == 1) section = EventBuilder.SectionOf(element.Name);
        path.Add(element.Name);
        int guard = -1;
        if (element.OnlyOptionalContent)
        {
            if (element.Children.Length != 1) return false;
            guard = ((SubstitutionNode)element.Children[0]).Index;
        }
        string? dataName = null;
        foreach (var attribute in element.Attributes)
        {
            if (depth == 2 && section == EventSection.System)
            {
                if (attribute.Parts.Length != 1) return false;
                var target = EventBuilder.AttributeField(element.Name, attribute.Name);
                if (target == SystemField.None) continue; // an attribute WinEvent does not keep: no step
                steps.Add(attribute.Parts[0] switch
                {
                    SubstitutionNode s => new PlanStep(PlanStepKind.SystemAttribute, attribute.Name, s.Index, default, guard, s.Optional, null, target),
                    TextNode t => new PlanStep(PlanStepKind.SystemAttribute, attribute.Name, -1, t.Value, guard, false, null, target),
                    _ => throw new InvalidOperationException("attribute parts are text or substitutions"),
                });
            }
            else if (depth == 2 && section == EventSection.EventData && attribute.Name == "Name")
            {
                if (attribute.Parts is not [TextNode name]) return false;
                dataName = name.Value.Text;
            }
        }
        bool hasElements = false, allChildrenRemovable = true;
        int contentStep = -1, index = -1, parts = 0;
        string[]? elementPath = null; // the same for every substitution of this element: built once
        BinXmlValue constant = new("");
        foreach (var child in element.Children)
        {
            switch (child)
            {
                case ElementNode e:
                    hasElements = true;
                    allChildrenRemovable &= e.OnlyOptionalContent;
                    if (!Visit(e, depth + 1, section, path, steps)) return false;
                    break;
                case SubstitutionNode s:
                    parts++;
                    index = s.Index;
                    contentStep = steps.Count;
                    steps.Add(new PlanStep(PlanStepKind.Content, element.Name, s.Index, default, guard, false, elementPath ??= path.ToArray()));
                    break;
                case TextNode t:
                    parts++;
                    constant = t.Value;
                    break;
                default:
                    return false;
            }
        }
        path.RemoveAt(path.Count - 1);
        if (parts > 1) return false;
        var field = FieldName(element.Name, depth, section, hasElements, dataName);
        // An element whose children may all be removed is a leaf or not depending on the values.
        if (hasElements && allChildrenRemovable && FieldName(element.Name, depth, section, false, dataName) is not null) return false;
        if (field is null) return true;
        var kind = section == EventSection.System ? PlanStepKind.SystemText : PlanStepKind.Field;
        var system = kind == PlanStepKind.SystemText ? EventBuilder.TextField(field) : SystemField.None;
        // A System element WinEvent does not keep yields nothing; its substitution stays a content step (nested BinXML).
        if (kind == PlanStepKind.SystemText && system == SystemField.None) return true;
        if (contentStep >= 0) steps[contentStep] = steps[contentStep] with { Kind = kind, Name = field, System = system };
        else steps.Add(new PlanStep(kind, field, -1, constant, guard, false, null, system));
        return true;
    }

    /// <summary>Mirrors <see cref="EventBuilder"/>'s EndElement: which element yields which field (null: none).</summary>
    private static string? FieldName(string name, int depth, EventSection section, bool hasElements, string? dataName) => section switch
    {
        EventSection.System => depth == 2 ? name : null,
        EventSection.EventData when depth == 2 && name == "Data" => dataName ?? "Data",
        EventSection.EventData or EventSection.ProcessingErrorData or EventSection.Other => depth >= 2 && !hasElements ? name : null,
        EventSection.RenderingInfo => depth >= 2 && !hasElements ? (name == "Message" ? "Message" : "RenderingInfo_" + name) : null,
        EventSection.UserData => depth >= 3 && !hasElements ? name : null,
        _ => null,
    };
}
