namespace Huntsman.Lateral;

/// <summary>
/// Observations on one host that belong to one execution: the anchors that opened it (close in time, same remote
/// address when they have one) and the context attached to them (logons, share access, service state, SMB sessions).
/// </summary>
internal sealed class Episode(string host)
{
    /// <summary>How far apart two anchors of one execution may be (psexec.md §4.3: tight chain on one target ≤ 60 s).</summary>
    public static readonly TimeSpan AnchorGap = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> _addressCounts = new(StringComparer.Ordinal);
    private readonly HashSet<Observation> _members = new(ReferenceEqualityComparer.Instance);

    public string Host { get; } = host;
    public List<Observation> Anchors { get; } = new();
    public List<Observation> Context { get; } = new();
    public DateTime Start => Anchors[0].Time;
    public DateTime End { get; private set; }

    public IEnumerable<Observation> All => Anchors.Concat(Context);

    public bool Contains(Observation o) => _members.Contains(o);

    /// <summary>The remote address most anchors carry (loopback and link-local excluded; ties by ordinal order).</summary>
    public string? AnchorAddress { get; private set; }

    public void AddAnchor(Observation o)
    {
        if (!_members.Add(o)) return;
        Anchors.Add(o);
        if (o.Time > End) End = o.Time;
        if (!IsRemote(o.RemoteIp)) return;
        int n = _addressCounts[o.RemoteIp!] = _addressCounts.GetValueOrDefault(o.RemoteIp!) + 1;
        if (AnchorAddress is null || n > _addressCounts[AnchorAddress] || n == _addressCounts[AnchorAddress] && string.CompareOrdinal(o.RemoteIp, AnchorAddress) < 0)
            AnchorAddress = o.RemoteIp;
    }

    public void AddContext(Observation o)
    {
        if (_members.Add(o)) Context.Add(o);
    }

    public bool Accepts(Observation o) =>
        o.Time - End <= AnchorGap && (AnchorAddress is null || !IsRemote(o.RemoteIp) || o.RemoteIp == AnchorAddress);

    public static bool IsRemote(string? ip) => ip is not null && !HostNames.IsLoopback(ip) && !HostNames.IsLinkLocal(ip);

    /// <summary>Groups anchors of one host into episodes (anchors are taken in time order).</summary>
    public static List<Episode> Cluster(string host, IEnumerable<Observation> anchors)
    {
        var episodes = new List<Episode>();
        var open = new List<Episode>();
        foreach (var a in anchors.OrderBy(a => a.Time).ThenBy(a => a.Event.RecordId))
        {
            open.RemoveAll(e => a.Time - e.End > AnchorGap);
            var target = open.LastOrDefault(e => e.Accepts(a));
            if (target is null)
            {
                target = new Episode(host);
                episodes.Add(target);
                open.Add(target);
            }
            target.AddAnchor(a);
        }
        return episodes;
    }
}
