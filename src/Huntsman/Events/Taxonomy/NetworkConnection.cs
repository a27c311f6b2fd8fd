namespace Huntsman.Events.Taxonomy;

/// <summary>
/// A network connection in one vocabulary, from Sysmon 3, Security 5156 (WFP permitted connection) or a Defender
/// DeviceNetworkEvents row. Ports are numbers; Initiated is true for outbound connections.
/// </summary>
public sealed record NetworkConnection(
    WinEvent Event,
    string Host,
    DateTime Time,
    string? Image,
    long? ProcessId,
    string? User,
    string? Protocol,
    string? SourceIp,
    int? SourcePort,
    string? DestinationIp,
    int? DestinationPort,
    string? DestinationHostname,
    bool? Initiated)
{
    public static bool TryFrom(WinEvent e, out NetworkConnection connection)
    {
        connection = null!;
        if (e.EventId == 3 && (Channels.IsSysmon(e) || Channels.IsDefender(e)))
        {
            connection = new NetworkConnection(e, e.Computer, e.TimeCreated, e.GetPayload("Image"), Id(e.GetPayload("ProcessId")),
                e.GetPayload("User"), e.GetPayload("Protocol")?.ToLowerInvariant(), e.GetPayload("SourceIp"), Port(e.GetPayload("SourcePort")),
                e.GetPayload("DestinationIp"), Port(e.GetPayload("DestinationPort")), e.GetPayload("DestinationHostname"),
                Bool(e.GetPayload("Initiated")));
            return true;
        }
        if (e.EventId == 5156 && Channels.IsSecurity(e))
        {
            var direction = e.GetPayload("Direction");
            bool? outbound = direction is null ? null : direction.Contains("14593", StringComparison.Ordinal) || direction.Equals("Outbound", StringComparison.OrdinalIgnoreCase);
            connection = new NetworkConnection(e, e.Computer, e.TimeCreated, e.GetPayload("Application"), Id(e.GetPayload("ProcessID")),
                null, ProtocolName(e.GetPayload("Protocol")), e.GetPayload("SourceAddress"), Port(e.GetPayload("SourcePort")),
                e.GetPayload("DestAddress"), Port(e.GetPayload("DestPort")), null, outbound);
            return true;
        }
        return false;
    }

    private static long? Id(string? text) => ProcessStart.TryParseId(text, out var v) ? v : null;
    private static int? Port(string? text) => int.TryParse(text, out var v) ? v : null;
    private static bool? Bool(string? text) => bool.TryParse(text, out var v) ? v : null;

    /// <summary>WFP logs the IANA protocol number; Sysmon writes the name.</summary>
    private static string? ProtocolName(string? number) => number switch
    {
        "6" => "tcp",
        "17" => "udp",
        "1" => "icmp",
        _ => number,
    };
}
