namespace Huntsman.Events.Taxonomy;

/// <summary>
/// A network share accessed: Security 5140 (share opened) or 5145 (file in a share checked, with the
/// relative target name). ShareName is as logged, e.g. \\*\ADMIN$; AccessList keeps the raw %%NNNN tokens.
/// </summary>
public sealed record ShareAccess(
    WinEvent Event,
    string Host,
    DateTime Time,
    string ShareName,
    string? ShareLocalPath,
    string? RelativeTargetName,
    string? AccessMask,
    string? AccessList,
    string? SubjectUser,
    string? SubjectLogonId,
    string? SourceIp,
    int? SourcePort)
{
    public static bool TryFrom(WinEvent e, out ShareAccess share)
    {
        share = null!;
        if (e.EventId is not (5140 or 5145) || !Channels.IsSecurity(e)) return false;
        var name = e.GetPayload("ShareName");
        if (name is null) return false;
        share = new ShareAccess(e, e.Computer, e.TimeCreated, name, e.GetPayload("ShareLocalPath"),
            e.EventId == 5145 ? e.GetPayload("RelativeTargetName") : null, e.GetPayload("AccessMask"), e.GetPayload("AccessList"),
            Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName")), e.GetPayload("SubjectLogonId"),
            e.GetPayload("IpAddress"), int.TryParse(e.GetPayload("IpPort"), out var port) ? port : null);
        return true;
    }
}
