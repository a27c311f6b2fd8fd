using System.Globalization;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Readers.Json;

namespace Huntsman.Readers.Xml;

/// <summary>
/// Builds a <see cref="WinEvent"/> from an &lt;Event&gt; document tree with the same field naming rules as the
/// EVTX reader: Data[@Name] → name, unnamed Data → "Data", Binary → "Binary", UserData leaves → leaf name,
/// ProcessingErrorData children → their names, RenderingInfo/Message → "Message" (other children "RenderingInfo_x").
/// Used by the XML reader and by the evtx_dump-style JSON shape.
/// </summary>
internal static class EventNodeMapper
{
    public static WinEvent ToEvent(EventNode root)
    {
        var e = new WinEvent();
        foreach (var section in root.Children)
        {
            switch (section.Name)
            {
                case "System": ReadSystem(section, e); break;
                case "EventData": ReadEventData(section, e); break;
                case "UserData": foreach (var wrapper in section.Children) AddLeaves(wrapper, e, ""); break;
                case "ProcessingErrorData": foreach (var c in section.Children) e.Add(c.Name, c.Text ?? ""); break;
                case "RenderingInfo": ReadRenderingInfo(section, e); break;
            }
        }
        return e;
    }

    private static void ReadSystem(EventNode system, WinEvent e)
    {
        foreach (var n in system.Children)
        {
            switch (n.Name)
            {
                case "Provider":
                    e.Provider = n.Attribute("Name") ?? n.Attribute("EventSourceName") ?? "";
                    e.ProviderGuid = Guids.Normalize(n.Attribute("Guid"));
                    break;
                case "EventID":
                    if (TryInt(n.Text, out var id)) e.EventId = id;
                    if (TryInt(n.Attribute("Qualifiers"), out var q)) e.EventIdQualifiers = q;
                    break;
                case "Version": e.Version = IntOrNull(n.Text); break;
                case "Level": e.Level = IntOrNull(n.Text); break;
                case "Task": e.Task = IntOrNull(n.Text); break;
                case "Opcode": e.Opcode = IntOrNull(n.Text); break;
                case "Keywords": e.Keywords = NullIfEmpty(n.Text); break;
                case "TimeCreated":
                    if (Timestamps.TryParseUtc(n.Attribute("SystemTime"), out var t)) e.TimeCreated = t;
                    break;
                case "EventRecordID": if (long.TryParse(n.Text, CultureInfo.InvariantCulture, out var r)) e.RecordId = r; break;
                case "Correlation":
                    e.ActivityId = Guids.Normalize(n.Attribute("ActivityID"));
                    e.RelatedActivityId = Guids.Normalize(n.Attribute("RelatedActivityID"));
                    break;
                case "Execution":
                    e.ProcessId = IntOrNull(n.Attribute("ProcessID"));
                    e.ThreadId = IntOrNull(n.Attribute("ThreadID"));
                    break;
                case "Channel": e.Channel = Channels.Canonical(n.Text ?? ""); break;
                case "Computer": e.Computer = n.Text ?? ""; break;
                case "Security": e.UserId = NullIfEmpty(n.Attribute("UserID")); break;
            }
        }
    }

    private static void ReadEventData(EventNode data, WinEvent e)
    {
        foreach (var c in data.Children)
        {
            if (c.Name == "Data") e.Add(c.Attribute("Name") is { Length: > 0 } name ? name : "Data", c.Text ?? "");
            else if (c.Children.Count == 0) e.Add(c.Name, c.Text ?? "");
            else AddLeaves(c, e, "");
        }
    }

    private static void AddLeaves(EventNode node, WinEvent e, string prefix)
    {
        foreach (var c in node.Children)
        {
            if (c.Children.Count == 0) e.Add(prefix + c.Name, c.Text ?? "");
            else AddLeaves(c, e, prefix);
        }
    }

    private static void ReadRenderingInfo(EventNode info, WinEvent e)
    {
        foreach (var c in info.Children)
        {
            if (c.Name == "Message") e.Add("Message", c.Text ?? "");
            else if (c.Children.Count == 0) e.Add("RenderingInfo_" + c.Name, c.Text ?? "");
            else AddLeaves(c, e, "RenderingInfo_");
        }
    }

    private static bool TryInt(string? text, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static int? IntOrNull(string? text) => TryInt(text, out var v) ? v : null;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
