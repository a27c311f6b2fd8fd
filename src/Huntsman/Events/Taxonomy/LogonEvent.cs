namespace Huntsman.Events.Taxonomy;

public enum LogonKind { Success, Failure, ExplicitCredentials, SpecialPrivileges }

/// <summary>
/// A logon in one vocabulary, from Security 4624 (success), 4625 (failure), 4648 (explicit credentials),
/// 4672 (special privileges) or a Defender DeviceLogonEvents row. TargetUser is DOMAIN\user of the account
/// logged on; for 4672 it is the subject. LogonType is the number (Defender's names are mapped back).
/// </summary>
public sealed record LogonEvent(
    WinEvent Event,
    string Host,
    DateTime Time,
    LogonKind Kind,
    string? TargetUser,
    string? TargetLogonId,
    int? LogonType,
    string? SourceIp,
    string? Workstation,
    string? SubjectUser,
    string? ProcessName,
    string? AuthenticationPackage,
    string? TargetServer)
{
    public static bool TryFrom(WinEvent e, out LogonEvent logon)
    {
        logon = null!;
        if (Channels.IsSecurity(e))
        {
            LogonKind kind;
            switch (e.EventId)
            {
                case 4624: kind = LogonKind.Success; break;
                case 4625: kind = LogonKind.Failure; break;
                case 4648: kind = LogonKind.ExplicitCredentials; break;
                case 4672:
                    var subject = Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"));
                    logon = new LogonEvent(e, e.Computer, e.TimeCreated, LogonKind.SpecialPrivileges, subject, e.GetPayload("SubjectLogonId"),
                        null, null, null, subject, null, null, null);
                    return true;
                default: return false;
            }
            logon = new LogonEvent(e, e.Computer, e.TimeCreated, kind,
                Accounts.Join(e.GetPayload("TargetDomainName"), e.GetPayload("TargetUserName")),
                e.GetPayload("TargetLogonId"), int.TryParse(e.GetPayload("LogonType"), out var type) ? type : null,
                Address(e.GetPayload("IpAddress")), Address(e.GetPayload("WorkstationName")),
                Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName")),
                Address(e.GetPayload("ProcessName")), Address(e.GetPayload("AuthenticationPackageName")),
                Address(e.GetPayload("TargetServerName")));
            return true;
        }
        if (Channels.IsDefender(e) && e.Channel.EndsWith("DeviceLogonEvents", StringComparison.Ordinal))
        {
            var action = e.GetPayload("ActionType");
            logon = new LogonEvent(e, e.Computer, e.TimeCreated, action == "LogonFailed" ? LogonKind.Failure : LogonKind.Success,
                Accounts.Join(e.GetPayload("AccountDomain"), e.GetPayload("AccountName")), e.GetPayload("LogonId"),
                DefenderLogonType(e.GetPayload("LogonType")), Address(e.GetPayload("RemoteIP")), Address(e.GetPayload("RemoteDeviceName")),
                null, e.GetPayload("InitiatingProcessFileName"), e.GetPayload("Protocol"), null);
            return true;
        }
        return false;
    }

    /// <summary>"-" and empty mean "not recorded" in Security events.</summary>
    private static string? Address(string? text) => string.IsNullOrEmpty(text) || text == "-" ? null : text;

    private static int? DefenderLogonType(string? name) => name switch
    {
        "Interactive" => 2,
        "Network" => 3,
        "Batch" => 4,
        "Service" => 5,
        "Unlock" => 7,
        "NetworkCleartext" => 8,
        "NewCredentials" => 9,
        "RemoteInteractive" => 10,
        "CachedInteractive" => 11,
        _ => int.TryParse(name, out var n) ? n : null,
    };
}
