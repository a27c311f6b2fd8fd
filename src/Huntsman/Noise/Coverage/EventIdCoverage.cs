namespace Huntsman.Noise.Coverage;

/// <summary>How often one channel's event ID occurs on a host, and when first and last.</summary>
public sealed record EventIdCoverage(string Channel, int EventId, long Count, DateTime First, DateTime Last)
{
    /// <summary>The Sysmon event type name when the channel is Sysmon's.</summary>
    public string? SysmonType => Channel.Equals(Huntsman.Events.Taxonomy.Channels.Sysmon, StringComparison.OrdinalIgnoreCase)
        ? SysmonEventTypes.Name(EventId) : null;
}
