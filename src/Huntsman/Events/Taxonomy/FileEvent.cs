namespace Huntsman.Events.Taxonomy;

public enum FileAction { Created, Deleted }

/// <summary>A file created or deleted, from Sysmon 11 / 23 / 26 or a Defender DeviceFileEvents row.</summary>
public sealed record FileEvent(
    WinEvent Event,
    string Host,
    DateTime Time,
    FileAction Action,
    string TargetFilename,
    string? Image,
    long? ProcessId,
    string? User,
    string? Hashes)
{
    public static bool TryFrom(WinEvent e, out FileEvent file)
    {
        file = null!;
        FileAction action;
        if (Channels.IsSysmon(e) && e.EventId is 11 or 23 or 26) action = e.EventId == 11 ? FileAction.Created : FileAction.Deleted;
        else if (Channels.IsDefender(e) && e.EventId == 11)
            action = e.GetPayload("ActionType") == "FileDeleted" ? FileAction.Deleted : FileAction.Created;
        else return false;
        var target = e.GetPayload("TargetFilename");
        if (target is null) return false;
        file = new FileEvent(e, e.Computer, e.TimeCreated, action, target, e.GetPayload("Image"),
            ProcessStart.TryParseId(e.GetPayload("ProcessId"), out var pid) ? pid : null, e.GetPayload("User"), e.GetPayload("Hashes"));
        return true;
    }
}
