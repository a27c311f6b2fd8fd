using Huntsman.Lineage;

namespace Huntsman.Lateral;

/// <summary>Turns a target-host episode into a finding: context attached, tool and kind decided, fields filled.</summary>
internal sealed class TargetFindingBuilder(ProcessForest forest, SidNames sids)
{
    private static readonly TimeSpan ContextWindow = TimeSpan.FromSeconds(60);
    private static readonly long[] WellKnownLogons = [0x0, 0x3e4, 0x3e5, 0x3e7];

    /// <summary>Attaches the host's context observations (sorted by time) that belong to the episode.</summary>
    public void AttachContext(Episode ep, List<Observation> hostContext)
    {
        var logonIds = ep.Anchors.Select(a => a.LogonId).OfType<long>().Where(IsUserLogon).ToHashSet();
        var address = ep.AnchorAddress;
        var inWindow = Window(hostContext, ep.Start - ContextWindow, ep.End + ContextWindow).Where(o => !ep.Contains(o)).ToList();

        // Logons the anchors point to by logon id; they give the address when the anchors have none.
        foreach (var o in inWindow)
            if (o.LogonId is { } id && logonIds.Contains(id)) ep.AddContext(o);
        address ??= ep.Context.Select(o => o.RemoteIp).FirstOrDefault(Episode.IsRemote);
        // Otherwise the last network logon (or inbound SMB session) before the first anchor.
        address ??= inWindow.Where(o => o.Kind is ObservationKind.NetworkLogon or ObservationKind.SmbConnection && o.LocalPort is null
                                        && o.Time <= ep.Start && Episode.IsRemote(o.RemoteIp))
                            .OrderBy(o => o.Time).LastOrDefault()?.RemoteIp;

        var services = ServiceNames(ep.Anchors).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var o in inWindow)
        {
            if (ep.Contains(o)) continue;
            bool take = o.Kind switch
            {
                ObservationKind.NetworkLogon or ObservationKind.ShareAccess or ObservationKind.ShareWrite or ObservationKind.SmbConnection =>
                    address is not null && o.RemoteIp == address,
                ObservationKind.PrivilegedLogon => false,
                ObservationKind.Pipe => address is null || o.RemoteIp is null || o.RemoteIp == address,
                ObservationKind.ServiceState or ObservationKind.ServiceTimeout => o.ServiceName is { } n && services.Contains(n),
                ObservationKind.ServiceInstall or ObservationKind.FileDrop or ObservationKind.EulaAccepted or ObservationKind.TaskCreated
                    or ObservationKind.TaskDeleted or ObservationKind.ServiceProcess or ObservationKind.RemoteCommand => true,
                _ => false,
            };
            if (!take) continue;
            ep.AddContext(o);
            if (o.ServiceName is { } s) services.Add(s);
        }
        // 4672 precedes each admin logon with the same logon id.
        var attachedLogons = ep.All.Select(o => o.LogonId).OfType<long>().Where(IsUserLogon).ToHashSet();
        foreach (var o in inWindow)
            if (o.Kind == ObservationKind.PrivilegedLogon && o.LogonId is { } id && attachedLogons.Contains(id)) ep.AddContext(o);
    }

    /// <summary>The observations between two times, by binary search on a time-sorted list.</summary>
    internal static IEnumerable<Observation> Window(List<Observation> sorted, DateTime from, DateTime to)
    {
        int lo = 0, hi = sorted.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid].Time < from) lo = mid + 1; else hi = mid;
        }
        for (int i = lo; i < sorted.Count && sorted[i].Time <= to; i++) yield return sorted[i];
    }

    private static IEnumerable<string> ServiceNames(IEnumerable<Observation> obs)
    {
        foreach (var o in obs)
            if (o.ServiceName is { } n) yield return n;
    }

    public static bool IsUserLogon(long id) => Array.IndexOf(WellKnownLogons, id) < 0;

    public LateralFinding Build(Episode ep)
    {
        var all = ep.All.OrderBy(o => o.Time).ThenBy(o => o.Event.RecordId).ToList();
        var tool = all.Where(o => o.Tool is not null && (o.Anchor || Tools.Rank(o.Tool) < Tools.Rank(Tools.RemoteService)))
                      .Select(o => o.Tool!).MinBy(Tools.Rank) ?? Tools.Unknown;
        tool = RefineTool(tool, ep, all);

        var knownServices = all.Where(o => o.Kind == ObservationKind.ServiceInstall && o.ServiceName is not null).Select(o => o.ServiceName!)
            .Concat(all.Where(o => o.Pipe is not null && !StdioPipe.TryParse(o.Pipe, out _)).Select(o => o.Pipe!))
            .Append("PSEXESVC").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        string? sourceHost = null;
        long? sourcePid = null;
        foreach (var o in all.Where(o => o.Pipe is not null))
            if (StdioPipe.TryParse(o.Pipe, out var stdio))
            {
                var (svc, host) = stdio.Split(knownServices);
                if (host.Length == 0) continue;
                sourceHost ??= host;
                sourcePid ??= stdio.Pid;
                if (!svc.Equals("PSEXESVC", StringComparison.OrdinalIgnoreCase) && tool == Tools.PsExec) tool = Tools.PsExecRenamed;
            }
        sourceHost ??= all.Select(o => o.SourceHost).FirstOrDefault(h => h is not null);
        sourcePid ??= all.Select(o => o.SourcePid).FirstOrDefault(p => p is not null);

        var logons = all.Where(o => o.Kind == ObservationKind.NetworkLogon).ToList();
        var usedLogons = all.Where(o => o.Kind is not (ObservationKind.NetworkLogon or ObservationKind.PrivilegedLogon)).Select(o => o.LogonId).OfType<long>().ToHashSet();
        var linkedLogon = logons.FirstOrDefault(l => l.LogonId is { } id && usedLogons.Contains(id))
                          ?? logons.Where(l => l.Time <= ep.Start).LastOrDefault() ?? logons.FirstOrDefault();
        var address = ep.AnchorAddress ?? linkedLogon?.RemoteIp ?? all.Select(o => o.RemoteIp).FirstOrDefault(Episode.IsRemote);
        if (sourceHost is null && linkedLogon?.Workstation is { } ws && !RandomNames.LooksRandomWorkstation(ws) && !HostNames.Same(ws, ep.Host))
            sourceHost = ws;

        // The PsExec client's EULA key written on the very host that runs the service means the client ran here.
        bool localEvidence = all.Any(o => o.Local || o.Kind == ObservationKind.EulaAccepted) || sourceHost is not null && HostNames.Same(sourceHost, ep.Host);
        bool remoteEvidence = address is not null || sourceHost is not null && !HostNames.Same(sourceHost, ep.Host) || all.Any(o => o.Remote);
        // Without any remote trace a generic service/task/share action is reported as local; the named remote tools stay lateral.
        bool local = localEvidence || !remoteEvidence && Tools.Rank(tool) >= Tools.Rank(Tools.RemoteService);

        var install = all.Where(o => o.Kind == ObservationKind.ServiceInstall).OrderBy(o => Tools.Rank(o.Tool)).FirstOrDefault();
        bool binaryWritten = all.Any(o => o.Kind is ObservationKind.ShareWrite or ObservationKind.FileDrop && o.FileName is { } f
                                          && f.EndsWith(".exe", StringComparison.OrdinalIgnoreCase));
        var finding = new LateralFinding
        {
            Kind = local ? LateralFinding.LocalExecution : LateralFinding.LateralMovement,
            Tool = tool,
            TargetHost = ep.Host,
            SourceHost = local ? sourceHost ?? ep.Host : sourceHost,
            SourceIp = local ? null : address,
            SourcePid = sourcePid,
            Start = all[0].Time,
            End = all[^1].Time,
            ServiceName = install?.ServiceName ?? all.FirstOrDefault(o => o.Kind == ObservationKind.ServiceTimeout)?.ServiceName,
            ServiceImage = install?.ServiceImage ?? all.FirstOrDefault(o => o.Kind == ObservationKind.ServiceProcess)?.ServiceImage,
            LogonType = linkedLogon?.LogonType,
            AuthPackage = linkedLogon?.AuthPackage,
        };
        finding.Account = PreferNetbiosDomain(linkedLogon?.Account ?? PickAccount(all), all);
        bool smbSeen = all.Any(o => o.Kind is ObservationKind.ShareAccess or ObservationKind.ShareWrite or ObservationKind.SmbConnection
                                      || o.Kind == ObservationKind.Pipe && o.Event.EventId == 5145);
        finding.Attack = Tools.Attack(tool, !local, binaryWritten, install is not null, smbSeen);
        foreach (var id in all.Select(o => o.LogonId).OfType<long>().Where(IsUserLogon).Distinct().Order())
            finding.LogonIds.Add($"0x{id:x}");
        foreach (var p in all.Select(o => o.Pipe).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            finding.Pipes.Add(p);
        AddCommands(finding, ep, all, install);
        if (finding.ServiceName is null && all.Any(o => o.Pipe is not null && StdioPipe.TryParse(o.Pipe, out _)))
            finding.ServiceName = all.Select(o => o.Pipe).OfType<string>().Where(p => StdioPipe.TryParse(p, out _))
                .Select(p => { StdioPipe.TryParse(p, out var sp); return sp.Split(knownServices).Service; }).First();
        AddReasons(finding, all, local, localEvidence, linkedByLogonId: linkedLogon?.LogonId is { } lid && usedLogons.Contains(lid));
        if (linkedLogon?.Workstation is { } claimed && RandomNames.LooksRandomWorkstation(claimed))
            finding.Reasons.Add($"client workstation name {claimed} looks random (Metasploit sets a random 16-character name)");
        finding.Confidence = Confidence(tool, all, finding);
        EvidenceList.Fill(finding, all);
        return finding;
    }

    /// <summary>Decisions that need the process tree or several events together.</summary>
    private string RefineTool(string tool, Episode ep, List<Observation> all)
    {
        if (tool != Tools.Unknown) return tool;
        // A random-named SYSTEM binary in the Windows directory: Metasploit when it hosts a bare rundll32 (payload
        // injection), Impacket when RemCom pipes are present, else a generic remote service.
        foreach (var o in all.Where(o => o.Kind == ObservationKind.ServiceProcess && o.Tool is null))
        {
            var node = forest.FindForEvent(o.Event);
            if (node is not null && node.Children.Any(c => c.ImageName.Equals("rundll32.exe", StringComparison.OrdinalIgnoreCase)
                                                          && (c.CommandLine ?? "").Trim().EndsWith("rundll32.exe", StringComparison.OrdinalIgnoreCase)))
            {
                o.Reason += "; it started rundll32.exe without arguments (payload host)";
                return Tools.MetasploitPsExec;
            }
        }
        if (all.Any(o => o.Kind == ObservationKind.ServiceProcess)) return Tools.RemoteService;
        // A scheduled task created and deleted within the episode (the atexec/smbexec task pattern).
        var created = all.Where(o => o.Kind == ObservationKind.TaskCreated).ToList();
        if (created.Any(c => all.Any(d => d.Kind == ObservationKind.TaskDeleted && d.ServiceName == c.ServiceName))) return Tools.RemoteTask;
        return tool;
    }

    /// <summary>Kerberos 4624s give the DNS domain (CORP.EXAMPLE\admin); share/service events of the same SID give CORP\admin.</summary>
    private static string? PreferNetbiosDomain(string? account, List<Observation> all)
    {
        if (account is null || account.IndexOf('\\') is var slash && (slash < 0 || !account[..slash].Contains('.'))) return account;
        var sid = all.FirstOrDefault(o => o.Account == account)?.AccountSid;
        var user = account[(slash + 1)..];
        return all.Where(o => o.AccountSid == sid && o.Account is { } a && a.EndsWith("\\" + user, StringComparison.OrdinalIgnoreCase)
                              && !a[..a.IndexOf('\\')].Contains('.')).Select(o => o.Account).FirstOrDefault() ?? account;
    }

    private string? PickAccount(List<Observation> all)
    {
        foreach (var o in all.OrderBy(o => o.Kind == ObservationKind.ServiceInstall ? 1 : 0))
        {
            if (o.Account is { } a && !a.EndsWith('$') && !a.EndsWith("SYSTEM", StringComparison.OrdinalIgnoreCase)
                && !a.Contains("NETWORK SERVICE", StringComparison.OrdinalIgnoreCase) && !a.Contains("LOCAL SERVICE", StringComparison.OrdinalIgnoreCase))
                return a;
        }
        foreach (var o in all)
            if (o.AccountSid is { } sid && sid.StartsWith("S-1-5-21-", StringComparison.Ordinal))
                return sids.Resolve(sid) ?? sid;
        return null;
    }

    private void AddCommands(LateralFinding finding, Episode ep, List<Observation> all, Observation? install)
    {
        var roots = new List<ProcessNode>();
        foreach (var o in all.Where(o => o.Kind is ObservationKind.ServiceProcess or ObservationKind.RemoteCommand))
            if (forest.FindForEvent(o.Event) is { } n) roots.Add(n);
        // The service's process, found from the install when its start was not classified on its own.
        if (install?.ServiceImage is { } image && roots.Count == 0)
        {
            var expanded = ServiceShapes.ExpandImage(image);
            roots.AddRange(forest.Nodes(ep.Host).Where(n => n.Start is { } s && s >= finding.Start - TimeSpan.FromSeconds(5)
                && s <= finding.End + ContextWindow && n.Image.Equals(expanded, StringComparison.OrdinalIgnoreCase)));
        }
        var seen = new HashSet<ProcessNode>(ReferenceEqualityComparer.Instance);
        foreach (var root in roots.OrderBy(r => r.SortTime))
        {
            if (seen.Contains(root)) continue;
            seen.Add(root);
            foreach (var d in ProcessForest.Descendants(root)) seen.Add(d);
            finding.Commands.Add(ToTree(root, 0));
            if (root.Start is { } s && s > finding.End) finding.End = s;
        }
    }

    internal static CommandTree ToTree(ProcessNode n, int depth) =>
        new(n.Image, n.CommandLine, n.User, n.ProcessId, n.Start,
            depth >= 32 ? [] : n.Children.Select(c => ToTree(c, depth + 1)).ToList());

    private static void AddReasons(LateralFinding finding, List<Observation> all, bool local, bool localEvidence, bool linkedByLogonId)
    {
        foreach (var r in all.Select(o => o.Reason).OfType<string>().Distinct())
            if (finding.Reasons.Count < 12) finding.Reasons.Add(r);
        if (linkedByLogonId)
            finding.Reasons.Add("network logon linked to the activity by logon id");
        if (local) finding.Reasons.Add(localEvidence ? "started from this same host (local run)" : "no remote source in the evidence: treated as local execution");
        if (finding.SourceHost is not null && !local) finding.Reasons.Add($"source host {finding.SourceHost} named by the evidence");
    }

    private static string Confidence(string tool, List<Observation> all, LateralFinding f)
    {
        int categories = 0;
        if (all.Any(o => o.Kind is ObservationKind.NetworkLogon)) categories++;
        if (all.Any(o => o.Kind is ObservationKind.ShareWrite or ObservationKind.Pipe)) categories++;
        if (all.Any(o => o.Kind is ObservationKind.ServiceInstall or ObservationKind.ServiceTimeout or ObservationKind.ServiceState or ObservationKind.TaskCreated)) categories++;
        if (f.Commands.Count > 0) categories++;
        bool specific = Tools.Rank(tool) < Tools.Rank(Tools.RemoteService);
        if (specific && categories >= 3) return "high";
        if (specific || categories >= 2) return "medium";
        return "low";
    }
}
