namespace Huntsman.Events;

/// <summary>
/// One vocabulary over many sources: resolves a canonical field name (Sysmon-style, e.g. Image,
/// ParentImage, CommandLine) on events that spell it differently (Security 4688 NewProcessName, …).
/// See docs/fields.md.
/// </summary>
public static class FieldTaxonomy
{
    public static string? ResolveAlias(WinEvent e, string name)
    {
        if (e.EventId == 4688 && e.Channel.Equals("Security", StringComparison.OrdinalIgnoreCase))
        {
            if (name.Equals("Image", StringComparison.OrdinalIgnoreCase)) return e.GetPayload("NewProcessName");
            if (name.Equals("ParentImage", StringComparison.OrdinalIgnoreCase)) return e.GetPayload("ParentProcessName");
        }
        return null;
    }
}
