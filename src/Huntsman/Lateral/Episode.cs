namespace Huntsman.Lateral;

/// <summary>
/// Observations on one host that belong to one execution: the anchors that opened it (close in time, same remote
/// address when they have one) and the context attached to them (logons, share access, service state, SMB sessions).
/// </summary>
internal sealed class Episode(string host)
{
    /// <summary>How far apart two anchors of one execution may be (psexec.md §4.3: tight chain on one target ≤ 60 s).</summary>
    public static readonly TimeSpan AnchorGap = TimeSpan.FromSeconds(60);

    public string Host { get; } = host;
    public List<Observation> Anchors { get; } = new();
    public List<Observation> Context { get; } = new();
    public DateTime Start => Anchors[0].Time;
    public DateTime End => Anchors[^1].Time;

    public IEnumerable<Observation> All => Anchors.Concat(Context);

    /// <summary>The remote address most anchors carry (loopback and link-local excluded).</summary>
    public string? AnchorAddress => Anchors.Select(a => a.RemoteIp).Where(IsRemote)
        .GroupBy(ip => ip).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key).FirstOrDefault();

    public bool Accepts(Observation o)
    {
        if (o.Time - End > AnchorGap) return false;
        var mine = AnchorAddress;
        return mine is null || !IsRemote(o.RemoteIp) || o.RemoteIp == mine;
    }

    public static bool IsRemote(string? ip) => ip is not null && !HostNames.IsLoopback(ip) && !HostNames.IsLinkLocal(ip);

    /// <summary>Groups anchors of one host (sorted by time) into episodes.</summary>
    public static List<Episode> Cluster(string host, IEnumerable<Observation> anchors)
    {
        var episodes = new List<Episode>();
        foreach (var a in anchors.OrderBy(a => a.Time).ThenBy(a => a.Event.RecordId))
        {
            var open = episodes.LastOrDefault(e => e.Accepts(a));
            if (open is null || a.Time - open.End > AnchorGap) episodes.Add(open = new Episode(host));
            open.Anchors.Add(a);
        }
        return episodes;
    }
}
