namespace Huntsman.Events.Taxonomy;

/// <summary>Channel names the readers assign, including pseudo-channels for non-Windows exports.</summary>
public static class Channels
{
    public const string Sysmon = "Microsoft-Windows-Sysmon/Operational";
    public const string Security = "Security";
    public const string System = "System";
    public const string PowerShell = "Microsoft-Windows-PowerShell/Operational";

    /// <summary>
    /// Defender Advanced Hunting rows get the channel "Defender:&lt;Table&gt;" (e.g. Defender:DeviceProcessEvents),
    /// the Sysmon-equivalent EventID (process 1, network 3, image load 7, file 11, registry 13, DNS 22)
    /// and Sysmon field names beside their own columns; see docs/fields.md.
    /// </summary>
    public const string DefenderPrefix = "Defender:";

    private static readonly string[] Known =
        [Sysmon, Security, System, PowerShell, "Application", "Windows PowerShell", "Setup", "ForwardedEvents"];

    /// <summary>The usual spelling of a well-known channel ("security" → "Security"); others unchanged.</summary>
    public static string Canonical(string channel)
    {
        foreach (var known in Known)
            if (known.Length == channel.Length && known.Equals(channel, StringComparison.OrdinalIgnoreCase)) return known;
        return channel;
    }

    public static bool IsSysmon(WinEvent e) => e.Channel.Equals(Sysmon, StringComparison.OrdinalIgnoreCase);
    public static bool IsSecurity(WinEvent e) => e.Channel.Equals(Security, StringComparison.OrdinalIgnoreCase);
    public static bool IsSystem(WinEvent e) => e.Channel.Equals(System, StringComparison.OrdinalIgnoreCase);
    public static bool IsDefender(WinEvent e) => e.Channel.StartsWith(DefenderPrefix, StringComparison.OrdinalIgnoreCase);
}
