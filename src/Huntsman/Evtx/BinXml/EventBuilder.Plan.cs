namespace Huntsman.Evtx.BinXml;

/// <summary>The fast path's side: fields set straight from a <see cref="PlanStep"/>, and element paths entered around nested BinXML.</summary>
internal sealed partial class EventBuilder
{
    /// <summary>Open elements: where a nested template is placed.</summary>
    public int Depth => _depth;
    public EventSection Section => _depth == 0 ? EventSection.None : _frames[_depth - 1].Section;

    public void Apply(in PlanStep step, in BinXmlValue value)
    {
        switch (step.Kind)
        {
            case PlanStepKind.Field:
                AddValue(step.Name, value);
                break;
            case PlanStepKind.SystemText:
                SetSystem(step.System, value.IsNull ? new BinXmlValue("") : value);
                break;
            case PlanStepKind.SystemAttribute:
                if (!(step.Optional && value.IsNull)) SetSystem(step.System, value);
                break;
        }
    }

    /// <summary>Opens the elements of <paramref name="path"/> so nested BinXML lands where the tree walk would put it.</summary>
    public void EnterPath(string[] path)
    {
        foreach (var name in path) StartElement(name);
    }

    /// <summary>Closes <paramref name="count"/> elements opened by <see cref="EnterPath"/> without yielding their fields.</summary>
    public void LeavePath(int count)
    {
        for (int i = 0; i < count && _depth > 0; i++)
        {
            ref var frame = ref _frames[--_depth];
            frame.Text = null;
            frame.Node = null;
        }
    }
}
