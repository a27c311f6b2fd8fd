namespace Huntsman.Events.Taxonomy;

/// <summary>
/// A registry change, from Sysmon 12/13/14, Security 4657 or a Defender DeviceRegistryEvents row. EventType uses
/// Sysmon's words (CreateKey, DeleteKey, SetValue, DeleteValue, RenameKey); TargetObject is the key path plus
/// the value name for value events.
/// </summary>
public sealed record RegistryEvent(
    WinEvent Event,
    string Host,
    DateTime Time,
    string? EventType,
    string TargetObject,
    string? Details,
    string? NewName,
    string? Image,
    long? ProcessId,
    string? User)
{
    public static bool TryFrom(WinEvent e, out RegistryEvent registry)
    {
        registry = null!;
        if ((Channels.IsSysmon(e) && e.EventId is 12 or 13 or 14) || (Channels.IsDefender(e) && e.EventId == 13))
        {
            var target = e.GetPayload("TargetObject");
            if (target is null) return false;
            registry = new RegistryEvent(e, e.Computer, e.TimeCreated, e.GetPayload("EventType"), target, e.GetPayload("Details"),
                e.GetPayload("NewName"), e.GetPayload("Image"), Id(e.GetPayload("ProcessId")), e.GetPayload("User"));
            return true;
        }
        if (e.EventId == 4657 && Channels.IsSecurity(e))
        {
            var key = e.GetPayload("ObjectName");
            if (key is null) return false;
            var valueName = e.GetPayload("ObjectValueName");
            var target = string.IsNullOrEmpty(valueName) || valueName == "-" ? key : key + "\\" + valueName;
            var operation = e.GetPayload("OperationType") ?? "";
            var type = operation.Contains("1906", StringComparison.Ordinal) ? "DeleteValue" : "SetValue";
            registry = new RegistryEvent(e, e.Computer, e.TimeCreated, type, target, e.GetPayload("NewValue"), null,
                e.GetPayload("ProcessName"), Id(e.GetPayload("ProcessId")),
                Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName")));
            return true;
        }
        return false;
    }

    private static long? Id(string? text) => ProcessStart.TryParseId(text, out var v) ? v : null;
}
