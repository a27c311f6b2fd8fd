namespace Huntsman.Noise.Baseline;

/// <summary>
/// How often one behaviour was seen while learning, and where. <see cref="Hosts"/> lists at most the
/// baseline's per-key host cap; <see cref="HostCount"/> counts all hosts (up to the learning cap).
/// </summary>
public sealed class BaselineEntry
{
    public long Count { get; internal set; }
    public int HostCount { get; internal set; }
    public Dictionary<string, long> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool SeenOn(string host) => Hosts.ContainsKey(host);
}
