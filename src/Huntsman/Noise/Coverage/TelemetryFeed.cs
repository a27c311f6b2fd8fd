namespace Huntsman.Noise.Coverage;

/// <summary>One channel and the event IDs in it that carry a kind of telemetry.</summary>
public sealed record TelemetryFeed(string Channel, IReadOnlyList<int> EventIds)
{
    public override string ToString() => $"{ShortChannel(Channel)} {string.Join('/', EventIds)}";

    internal static string ShortChannel(string channel) =>
        channel.Equals(Huntsman.Events.Taxonomy.Channels.Sysmon, StringComparison.OrdinalIgnoreCase) ? "Sysmon" : channel;
}
