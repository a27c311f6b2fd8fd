namespace Huntsman.Events.Taxonomy;

/// <summary>A named pipe created (Sysmon 17) or connected to (Sysmon 18), e.g. \PSEXESVC-HOST-1234-stdin.</summary>
public sealed record PipeEvent(WinEvent Event, string Host, DateTime Time, bool Created, string PipeName, string? Image, long? ProcessId, string? User)
{
    public static bool TryFrom(WinEvent e, out PipeEvent pipe)
    {
        pipe = null!;
        if (e.EventId is not (17 or 18) || !Channels.IsSysmon(e)) return false;
        var name = e.GetPayload("PipeName");
        if (name is null) return false;
        pipe = new PipeEvent(e, e.Computer, e.TimeCreated, e.EventId == 17, name, e.GetPayload("Image"),
            ProcessStart.TryParseId(e.GetPayload("ProcessId"), out var pid) ? pid : null, e.GetPayload("User"));
        return true;
    }
}
