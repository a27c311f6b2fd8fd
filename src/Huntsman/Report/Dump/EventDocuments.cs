using System.Globalization;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Report.Dump;

/// <summary>
/// The &lt;Event&gt; document of an event: the one the reader kept, or one built from System + payload fields
/// (for flat sources such as NXLog, ECS and Defender, or when documents were not kept). Decoded %%NNNN siblings
/// added by the normaliser are left out: reading the dump back adds them again.
/// </summary>
public static class EventDocuments
{
    public const string EventNamespace = "http://schemas.microsoft.com/win/2004/08/events/event";

    public static EventNode For(WinEvent e) => e.Document ?? Build(e);

    private static EventNode Build(WinEvent e)
    {
        var root = new EventNode("Event");
        root.Attributes.Add(new("xmlns", EventNamespace));
        var system = new EventNode("System");
        root.Children.Add(system);

        var provider = Element(system, "Provider", null);
        provider.Attributes.Add(new("Name", e.Provider));
        if (e.ProviderGuid is not null) provider.Attributes.Add(new("Guid", e.ProviderGuid));
        var id = Element(system, "EventID", Invariant(e.EventId));
        if (e.EventIdQualifiers is { } q) id.Attributes.Add(new("Qualifiers", Invariant(q)));
        if (e.Version is { } version) Element(system, "Version", Invariant(version));
        if (e.Level is { } level) Element(system, "Level", Invariant(level));
        if (e.Task is { } task) Element(system, "Task", Invariant(task));
        if (e.Opcode is { } opcode) Element(system, "Opcode", Invariant(opcode));
        if (e.Keywords is not null) Element(system, "Keywords", e.Keywords);
        Element(system, "TimeCreated", null).Attributes.Add(new("SystemTime", SystemFields.FormatTime(e.TimeCreated)));
        Element(system, "EventRecordID", Invariant(e.RecordId));
        if (e.ActivityId is not null || e.RelatedActivityId is not null)
        {
            var correlation = Element(system, "Correlation", null);
            if (e.ActivityId is not null) correlation.Attributes.Add(new("ActivityID", e.ActivityId));
            if (e.RelatedActivityId is not null) correlation.Attributes.Add(new("RelatedActivityID", e.RelatedActivityId));
        }
        if (e.ProcessId is not null || e.ThreadId is not null)
        {
            var execution = Element(system, "Execution", null);
            if (e.ProcessId is { } pid) execution.Attributes.Add(new("ProcessID", Invariant(pid)));
            if (e.ThreadId is { } tid) execution.Attributes.Add(new("ThreadID", Invariant(tid)));
        }
        Element(system, "Channel", e.Channel);
        Element(system, "Computer", e.Computer);
        if (e.UserId is not null) Element(system, "Security", null).Attributes.Add(new("UserID", e.UserId));

        if (e.Fields.Count > 0)
        {
            var data = new EventNode("EventData");
            root.Children.Add(data);
            for (int i = 0; i < e.Fields.Count; i++)
            {
                var f = e.Fields[i];
                if (i > 0 && IsDecodedSibling(e.Fields[i - 1], f)) continue;
                var d = Element(data, "Data", f.Value);
                if (!f.Name.Equals("Data", StringComparison.Ordinal)) d.Attributes.Add(new("Name", f.Name));
            }
        }
        return root;
    }

    /// <summary>The normaliser's decoded copy of a %%NNNN value: the document keeps what Windows wrote only.</summary>
    private static bool IsDecodedSibling(EventField previous, EventField field) =>
        previous.Name == field.Name && previous.Value.Contains("%%", StringComparison.Ordinal) &&
        MessageTokens.Decode(previous.Value) == field.Value;

    private static EventNode Element(EventNode parent, string name, string? text)
    {
        var node = new EventNode(name) { Text = text };
        parent.Children.Add(node);
        return node;
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
