namespace Huntsman.Noise.Coverage;

/// <summary>
/// One channel (or, with <see cref="ChannelIsPrefix"/>, every channel starting with it, e.g. "Defender:")
/// and the event IDs in it that carry a kind of telemetry; no event IDs means any event of the channel.
/// </summary>
public sealed record TelemetryFeed(string Channel, IReadOnlyList<int> EventIds, bool ChannelIsPrefix = false)
{
    public override string ToString()
    {
        var channel = ChannelIsPrefix ? (Channel.Length == 0 ? "any Windows log" : Channel + "*") : ShortChannel(Channel);
        return EventIds.Count == 0 ? (ChannelIsPrefix ? channel : channel + " log") : $"{channel} {string.Join('/', EventIds)}";
    }

    public bool Covers(string channel, int eventId) =>
        (ChannelIsPrefix ? channel.StartsWith(Channel, StringComparison.OrdinalIgnoreCase) : channel.Equals(Channel, StringComparison.OrdinalIgnoreCase))
        && (EventIds.Count == 0 || EventIds.Contains(eventId));

    internal static string ShortChannel(string channel) =>
        channel.Equals(Huntsman.Events.Taxonomy.Channels.Sysmon, StringComparison.OrdinalIgnoreCase) ? "Sysmon" : channel;
}
