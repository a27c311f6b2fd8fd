using Huntsman.Events;
using Huntsman.Lineage;

namespace Huntsman.Lateral;

/// <summary>
/// Finds PsExec-family remote execution. Feed every event once, in any order, from one thread
/// (<see cref="Observe"/>), then call <see cref="Finish"/>. Only the events that matter are kept.
/// Correlation keys and time windows are described in docs/lateral.md.
/// </summary>
public sealed class LateralMovementDetector
{
    private readonly ProcessTreeBuilder? _ownTree;
    private readonly LateralAllowlist? _allowlist;
    private readonly List<Observation> _observations = new();
    private readonly SidNames _sids = new();

    /// <param name="allowlist">Known-good tools/accounts/hosts that lower or suppress findings.</param>
    /// <param name="sharesTree">True when the caller feeds its own <see cref="ProcessTreeBuilder"/> and passes the forest to <see cref="Finish"/>.</param>
    public LateralMovementDetector(LateralAllowlist? allowlist = null, bool sharesTree = false)
    {
        _allowlist = allowlist;
        if (!sharesTree) _ownTree = new ProcessTreeBuilder();
    }

    public int ObservationsKept => _observations.Count;

    public void Observe(WinEvent e)
    {
        _ownTree?.Observe(e);
        _sids.Learn(e);
        if (EventClassifier.Classify(e) is { } o) _observations.Add(o);
    }

    /// <summary>Correlates everything observed. Findings come sorted by start, then target host.</summary>
    public List<LateralFinding> Finish(ProcessForest? forest = null)
    {
        forest ??= _ownTree?.Build() ?? throw new InvalidOperationException("a shared process tree needs its forest passed to Finish");
        var byHost = _observations.GroupBy(o => o.Host, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.OrderBy(o => o.Time).ThenBy(o => o.Event.RecordId).ToList(), StringComparer.OrdinalIgnoreCase);

        var targets = new TargetFindingBuilder(forest, _sids);
        var sources = new SourceFindingBuilder(forest);
        var findings = new List<LateralFinding>();
        var targetPorts = new Dictionary<LateralFinding, List<int>>(ReferenceEqualityComparer.Instance);
        var sourceEpisodes = new List<Episode>();

        foreach (var (host, obs) in byHost.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            PromoteShortLivedTasks(obs);
            bool IsSourceAnchor(Observation o) => o.Kind == ObservationKind.ClientLaunch && !o.Local;
            foreach (var ep in Episode.Cluster(host, obs.Where(o => o.Anchor && !IsSourceAnchor(o))))
            {
                targets.AttachContext(ep, obs);
                var f = targets.Build(ep);
                findings.Add(f);
                targetPorts[f] = ep.All.Select(o => o.RemotePort).OfType<int>().Distinct().ToList();
            }
            foreach (var ep in Episode.Cluster(host, obs.Where(IsSourceAnchor)))
            {
                sources.AttachContext(ep, obs);
                sourceEpisodes.Add(ep);
            }
        }

        foreach (var source in sourceEpisodes)
        {
            var match = findings.Where(f => f.Kind == LateralFinding.LateralMovement && targetPorts.ContainsKey(f) && f.SourceProcess.Count == 0)
                .Select(f => (Finding: f, Reason: SourceFindingBuilder.LinkReason(source, f, targetPorts[f])))
                .Where(m => m.Reason is not null).OrderBy(m => (m.Finding.Start - source.Start).Duration()).FirstOrDefault();
            if (match.Finding is not null) sources.Merge(match.Finding, source, match.Reason!);
            else findings.Add(sources.Build(source));
        }

        if (_allowlist is not null)
            foreach (var f in findings) _allowlist.Apply(f);
        findings.Sort(LateralFinding.Compare);
        return findings;
    }

    /// <summary>
    /// A scheduled task created and deleted within seconds is how atexec and smbexec-like tools run one command.
    /// Create and delete from two different logon sessions of one user is the mark of separate remote RPC calls.
    /// </summary>
    private static void PromoteShortLivedTasks(List<Observation> obs)
    {
        foreach (var created in obs.Where(o => o.Kind == ObservationKind.TaskCreated && !o.Anchor))
        {
            var deleted = obs.FirstOrDefault(d => d.Kind == ObservationKind.TaskDeleted && d.ServiceName == created.ServiceName
                                                  && d.Time >= created.Time && d.Time - created.Time <= TimeSpan.FromSeconds(60));
            if (deleted is null) continue;
            created.Anchor = true;
            created.Tool = Tools.RemoteTask;
            var ms = (deleted.Time - created.Time).TotalMilliseconds;
            created.Reason = $"task {created.ServiceName} created and deleted {ms:0} ms later";
            if (created.LogonId is { } a && deleted.LogonId is { } b && a != b && TargetFindingBuilder.IsUserLogon(a) && TargetFindingBuilder.IsUserLogon(b))
            {
                created.Remote = true;
                created.Reason += " from two different logon sessions (one per remote RPC call)";
            }
        }
    }
}
