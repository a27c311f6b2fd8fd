using Huntsman.Events.Taxonomy;

namespace Huntsman.Events;

/// <summary>
/// One vocabulary over many sources: resolves a canonical field name (Sysmon-style, e.g. Image,
/// ParentImage, CommandLine, DestinationIp, TargetObject) on events that spell it differently
/// (Security 4688 NewProcessName, 5156 DestAddress, 4657 ObjectName, …). See docs/fields.md.
/// Only consulted when the payload has no field of that name, so it never shadows real data. Runs in the
/// Sigma matcher's inner loop on misses: switch on EventID first, no allocation except for joined user names.
/// </summary>
public static class FieldTaxonomy
{
    public static string? ResolveAlias(WinEvent e, string name) => e.EventId switch
    {
        4688 when Channels.IsSecurity(e) => ProcessCreation4688(e, name),
        5156 or 5157 when Channels.IsSecurity(e) => Wfp(e, name),
        4657 when Channels.IsSecurity(e) => Is(name, "TargetObject") ? e.GetPayload("ObjectName")
            : Is(name, "Details") ? e.GetPayload("NewValue")
            : Is(name, "Image") ? e.GetPayload("ProcessName") : null,
        4656 or 4663 when Channels.IsSecurity(e) => Is(name, "Image") ? e.GetPayload("ProcessName")
            : Is(name, "TargetFilename") && e.GetPayload("ObjectType") == "File" ? e.GetPayload("ObjectName") : null,
        7045 when Channels.IsSystem(e) => Is(name, "ServiceFileName") ? e.GetPayload("ImagePath") : null,
        4697 when Channels.IsSecurity(e) => Is(name, "ImagePath") ? e.GetPayload("ServiceFileName")
            : Is(name, "StartType") ? e.GetPayload("ServiceStartType") : null,
        _ => null,
    };

    /// <summary>
    /// 4688 names the new process NewProcessName/NewProcessId and its creator ProcessName/ProcessId;
    /// the account is the target (new process) when present, else the subject.
    /// </summary>
    private static string? ProcessCreation4688(WinEvent e, string name)
    {
        switch (name.Length)
        {
            case 5 when Is(name, "Image"): return e.GetPayload("NewProcessName");
            case 11 when Is(name, "ParentImage"): return e.GetPayload("ParentProcessName");
            case 15 when Is(name, "ParentProcessId"): return e.GetPayload("ProcessId");
            case 4 when Is(name, "User"):
                var target = e.GetPayload("TargetUserName");
                return string.IsNullOrEmpty(target) || target == "-"
                    ? Accounts.Join(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"))
                    : Accounts.Join(e.GetPayload("TargetDomainName"), target);
            case 7 when Is(name, "LogonId"):
                var logon = e.GetPayload("TargetLogonId");
                return string.IsNullOrEmpty(logon) || logon == "0x0" ? e.GetPayload("SubjectLogonId") : logon;
            case 14 when Is(name, "IntegrityLevel"): return IntegrityLevel(e.GetPayload("MandatoryLabel"));
            default: return null;
        }
    }

    private static string? Wfp(WinEvent e, string name)
    {
        switch (name.Length)
        {
            case 5 when Is(name, "Image"): return e.GetPayload("Application");
            case 8 when Is(name, "SourceIp"): return e.GetPayload("SourceAddress");
            case 13 when Is(name, "DestinationIp"): return e.GetPayload("DestAddress");
            case 15 when Is(name, "DestinationPort"): return e.GetPayload("DestPort");
            default: return null;
        }
    }

    /// <summary>Sysmon writes the level name; 4688 the mandatory label SID.</summary>
    private static string? IntegrityLevel(string? sid) => sid switch
    {
        "S-1-16-0" => "Untrusted",
        "S-1-16-4096" => "Low",
        "S-1-16-8192" => "Medium",
        "S-1-16-8448" => "MediumPlus",
        "S-1-16-12288" => "High",
        "S-1-16-16384" => "System",
        _ => null,
    };

    private static bool Is(string name, string canonical) => name.Equals(canonical, StringComparison.OrdinalIgnoreCase);
}
