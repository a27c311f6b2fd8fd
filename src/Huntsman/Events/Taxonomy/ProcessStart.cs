using System.Globalization;

namespace Huntsman.Events.Taxonomy;

/// <summary>
/// A process creation in one vocabulary, from Sysmon 1, Security 4688 or a Defender
/// DeviceProcessEvents row. PIDs are numbers whatever their rendering (4688 uses hex).
/// </summary>
public sealed record ProcessStart(
    WinEvent Event,
    string Host,
    DateTime Time,
    string Image,
    string? CommandLine,
    long ProcessId,
    string? ProcessGuid,
    string? ParentImage,
    string? ParentCommandLine,
    long? ParentProcessId,
    string? ParentProcessGuid,
    string? User,
    string? LogonId,
    string? IntegrityLevel,
    string? OriginalFileName)
{
    public static bool TryFrom(WinEvent e, out ProcessStart process)
    {
        process = null!;
        if (e.EventId == 1 && (Channels.IsSysmon(e) || Channels.IsDefender(e)))
        {
            var image = e.GetPayload("Image");
            if (image is null || !TryParseId(e.GetPayload("ProcessId"), out var pid)) return false;
            process = new ProcessStart(e, e.Computer, e.TimeCreated, image, e.GetPayload("CommandLine"), pid,
                e.GetPayload("ProcessGuid"), e.GetPayload("ParentImage"), e.GetPayload("ParentCommandLine"),
                TryParseId(e.GetPayload("ParentProcessId"), out var ppid) ? ppid : null, e.GetPayload("ParentProcessGuid"),
                e.GetPayload("User"), e.GetPayload("LogonId"), e.GetPayload("IntegrityLevel"), e.GetPayload("OriginalFileName"));
            return true;
        }
        if (e.EventId == 4688 && Channels.IsSecurity(e))
        {
            var image = e.GetPayload("NewProcessName");
            if (image is null || !TryParseId(e.GetPayload("NewProcessId"), out var pid)) return false;
            // 4688 names the creator "ProcessId"; the subject is the creator's account, the target (v2) the new process's.
            var targetUser = e.GetPayload("TargetUserName");
            var user = string.IsNullOrEmpty(targetUser) || targetUser == "-"
                ? Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"))
                : Accounts.Join(e.GetPayload("TargetDomainName"), targetUser);
            var targetLogon = e.GetPayload("TargetLogonId");
            var logonId = string.IsNullOrEmpty(targetLogon) || targetLogon == "0x0" ? e.GetPayload("SubjectLogonId") : targetLogon;
            process = new ProcessStart(e, e.Computer, e.TimeCreated, image, e.GetPayload("CommandLine"), pid,
                null, e.GetPayload("ParentProcessName"), null,
                TryParseId(e.GetPayload("ProcessId"), out var ppid) ? ppid : null, null,
                user, logonId, e.GetPayload("MandatoryLabel"), null);
            return true;
        }
        return false;
    }

    /// <summary>Parses a decimal or 0x-hex id (4688 PIDs are hex, Sysmon's decimal).</summary>
    public static bool TryParseId(string? text, out long value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.AsSpan().Trim();
        if (s.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return long.TryParse(s[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        return long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }
}
