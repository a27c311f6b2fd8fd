namespace Huntsman.Noise.Coverage;

/// <summary>
/// A kind of telemetry hunting depends on (process creation, registry, share access, …), the feeds
/// that provide it (any one is enough), what is invisible without it, and how to switch it on.
/// </summary>
public sealed record TelemetrySource(string Id, string Name, IReadOnlyList<TelemetryFeed> Feeds, string Blind, string Advice)
{
    public bool IsFedBy(string channel, int eventId)
    {
        foreach (var feed in Feeds)
            if (feed.Covers(channel, eventId)) return true;
        return false;
    }

    public string FeedList => string.Join(" or ", Feeds);
}
