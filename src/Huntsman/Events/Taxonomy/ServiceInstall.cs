namespace Huntsman.Events.Taxonomy;

/// <summary>
/// A service installed, from System 7045 (Service Control Manager) or Security 4697. The two differ:
/// 7045's ServiceName is the display name and its types are text ("user mode service", "demand start");
/// 4697's ServiceName is the key name and its types are numbers (0x10, 3). Both are given here in 7045's words.
/// </summary>
public sealed record ServiceInstall(
    WinEvent Event,
    string Host,
    DateTime Time,
    string ServiceName,
    string? ImagePath,
    string? ServiceType,
    string? StartType,
    string? Account,
    string? SubjectUser,
    bool NameIsDisplayName)
{
    public static bool TryFrom(WinEvent e, out ServiceInstall service)
    {
        service = null!;
        if (e.EventId == 7045 && Channels.IsSystem(e))
        {
            var name = e.GetPayload("ServiceName");
            if (name is null) return false;
            service = new ServiceInstall(e, e.Computer, e.TimeCreated, name, e.GetPayload("ImagePath"), e.GetPayload("ServiceType"),
                e.GetPayload("StartType"), e.GetPayload("AccountName"), e.UserId, true);
            return true;
        }
        if (e.EventId == 4697 && Channels.IsSecurity(e))
        {
            var name = e.GetPayload("ServiceName");
            if (name is null) return false;
            service = new ServiceInstall(e, e.Computer, e.TimeCreated, name, e.GetPayload("ServiceFileName"),
                ServiceTypeName(e.GetPayload("ServiceType")), StartTypeName(e.GetPayload("ServiceStartType")), e.GetPayload("ServiceAccount"),
                Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName")), false);
            return true;
        }
        return false;
    }

    /// <summary>SERVICE_* type bits as 7045 renders them.</summary>
    private static string? ServiceTypeName(string? number)
    {
        if (!HexNumber.TryParse(number, out var v)) return number;
        return (v & 0x30) != 0 ? "user mode service" : (v & 0x2) != 0 ? "file system driver" : (v & 0x1) != 0 ? "kernel mode driver" : number;
    }

    private static string? StartTypeName(string? number) => HexNumber.TryParse(number, out var v)
        ? v switch { 0 => "boot start", 1 => "system start", 2 => "auto start", 3 => "demand start", 4 => "disabled", _ => number }
        : number;
}
