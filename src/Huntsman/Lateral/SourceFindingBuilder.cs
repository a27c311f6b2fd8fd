using Huntsman.Lineage;

namespace Huntsman.Lateral;

/// <summary>
/// The source end: a client (PsExec \\host, sc \\host, net use, wmic /node, schtasks /s) with its 4648, outbound SMB
/// and EulaAccepted context. Linked to a target finding when both ends are present, else reported on its own.
/// </summary>
internal sealed class SourceFindingBuilder(ProcessForest forest)
{
    /// <summary>Source ↔ target window (psexec.md §4.3: ≤ 2 min, allowing for clock skew).</summary>
    public static readonly TimeSpan LinkWindow = TimeSpan.FromMinutes(2);

    public void AttachContext(Episode ep, List<Observation> hostContext)
    {
        var targets = ep.Anchors.Select(a => a.TargetHost).OfType<string>().ToList();
        var pids = ep.Anchors.Select(a => a.ProcessId).OfType<long>().ToHashSet();
        foreach (var o in TargetFindingBuilder.Window(hostContext, ep.Start - TimeSpan.FromSeconds(10), ep.End + LinkWindow))
        {
            bool take = o.Kind switch
            {
                ObservationKind.ExplicitCredentials => targets.Any(t => HostNames.Same(t, o.TargetHost)) || o.ProcessId is { } p && pids.Contains(p),
                ObservationKind.SmbConnection => o.LocalPort is not null && (targets.Any(t => HostNames.Same(t, o.TargetHost) || t == o.RemoteIp) || targets.Count > 0 && o.TargetHost is null),
                ObservationKind.EulaAccepted => o.ProcessId is { } pid ? pids.Contains(pid) : true,
                _ => false,
            };
            if (take) ep.AddContext(o);
        }
    }

    /// <summary>Why a source episode belongs to a target finding (null when it does not).</summary>
    public static string? LinkReason(Episode source, LateralFinding target, IReadOnlyList<int> targetPorts)
    {
        if (HostNames.Same(source.Host, target.TargetHost)) return null;
        var near = (source.Start - target.Start).Duration() <= LinkWindow || (source.End - target.Start).Duration() <= LinkWindow;
        if (!near) return null;
        var clientPids = source.Anchors.Select(a => a.ProcessId).OfType<long>().ToList();
        if (target.SourceHost is { } sh && HostNames.Same(sh, source.Host))
            return target.SourcePid is { } pid && clientPids.Contains(pid)
                ? $"stdio pipe names source host {sh} and PID {pid}, the client process on {source.Host}"
                : $"target evidence names source host {sh}";
        foreach (var o in source.All)
            if (o.Kind == ObservationKind.SmbConnection && o.LocalPort is { } port && targetPorts.Contains(port))
                return $"source SMB connection from port {port} matches the target's logon/share IpPort";
        foreach (var a in source.All)
            if (a.TargetHost is { } t && HostNames.Same(t, target.TargetHost))
                return $"{(a.Kind == ObservationKind.ExplicitCredentials ? "4648 explicit credentials" : "client command line")} on {source.Host} names {t}";
        return null;
    }

    /// <summary>Adds the source end to a target finding.</summary>
    public void Merge(LateralFinding finding, Episode source, string reason)
    {
        var client = source.Anchors[0];
        finding.SourceHost = source.Host;
        finding.SourcePid ??= client.ProcessId;
        finding.SourceProcess = forest.FindForEvent(client.Event) is { } n ? ProcessForest.Ancestry(n) : [];
        finding.Account ??= SourceAccount(source);
        finding.Reasons.Add($"linked to the source end: {reason}");
        foreach (var r in source.All.Select(o => o.Reason).OfType<string>().Distinct())
            if (!finding.Reasons.Contains(r)) finding.Reasons.Add(r);
        finding.Confidence = "high";
        if (source.Start < finding.Start) finding.Start = source.Start;
        if (source.End > finding.End) finding.End = source.End;
        EvidenceList.Append(finding, source.All);
    }

    /// <summary>A source end without its target's logs.</summary>
    public LateralFinding Build(Episode source)
    {
        var client = source.Anchors[0];
        var tool = source.Anchors.Select(a => a.Tool!).MinBy(Tools.Rank) ?? Tools.Unknown;
        var all = source.All.OrderBy(o => o.Time).ToList();
        var finding = new LateralFinding
        {
            Kind = LateralFinding.LateralMovement,
            Tool = tool,
            SourceHost = source.Host,
            SourcePid = client.ProcessId,
            TargetHost = source.Context.FirstOrDefault(o => o.Kind == ObservationKind.ExplicitCredentials && HostNames.Same(o.TargetHost, client.TargetHost))?.TargetHost
                         ?? client.TargetHost,
            Start = all[0].Time,
            End = all[^1].Time,
            SourceProcess = forest.FindForEvent(client.Event) is { } n ? ProcessForest.Ancestry(n) : [],
        };
        finding.Account = SourceAccount(source);
        finding.Attack = Tools.Attack(tool, true, false, false, all.Any(o => o.Kind == ObservationKind.SmbConnection));
        foreach (var r in all.Select(o => o.Reason).OfType<string>().Distinct()) finding.Reasons.Add(r);
        finding.Reasons.Add("source end only: no events of the target host in the evidence");
        finding.Confidence = all.Any(o => o.Kind is ObservationKind.ExplicitCredentials or ObservationKind.SmbConnection) ? "medium" : "low";
        EvidenceList.Fill(finding, all);
        return finding;
    }

    /// <summary>The account used: explicit credentials when given (4648), else the client's user.</summary>
    private static string? SourceAccount(Episode source) =>
        source.All.FirstOrDefault(o => o.Kind == ObservationKind.ExplicitCredentials)?.Account ?? source.Anchors[0].Account;
}
