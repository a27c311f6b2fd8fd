using Huntsman.Events;

namespace Huntsman.Evtx.BinXml;

/// <summary>The optional full document (for dump): the first root element of the record becomes <see cref="WinEvent.Document"/>.</summary>
internal sealed partial class EventBuilder
{
    private EventNode StartNode(string name, EventNode? parent)
    {
        var node = new EventNode(name);
        if (parent is not null) parent.Children.Add(node);
        else _event.Document ??= node;
        return node;
    }
}
