using Huntsman.Events.Taxonomy;

namespace Huntsman.Lineage;

/// <summary>The processes of one host, indexed by ProcessGuid and by PID (in start order).</summary>
internal sealed class HostProcesses(string name)
{
    public string Name { get; } = name;
    public List<ProcessNode> All { get; } = new();
    public Dictionary<string, ProcessNode> ByGuid { get; } = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<ProcessNode>> _byPid = new();
    private readonly Dictionary<ProcessNode, ProcessStart> _claims = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, ProcessNode> _synthetic = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds a start, merging it into a node already seen for the same process (other source or duplicate file).</summary>
    public void AddStart(ProcessStart s)
    {
        var guid = ProcessForest.NormalizeGuid(s.ProcessGuid);
        var node = guid is not null && ByGuid.TryGetValue(guid, out var known) ? known : SameProcessFromOtherSource(s, guid);
        if (node is null)
        {
            node = new ProcessNode(Name, s.ProcessId) { Start = s.Time };
            All.Add(node);
            if (!_byPid.TryGetValue(s.ProcessId, out var list)) _byPid[s.ProcessId] = list = new();
            list.Add(node);
        }
        if (guid is not null && node.ProcessGuid is null)
        {
            node.ProcessGuid = guid;
            ByGuid[guid] = node;
        }
        // Sysmon's fields win over 4688's (it has the parent command line, original file name, integrity name).
        bool richer = s.ProcessGuid is not null || node.StartEvents.Count == 0;
        if (richer || node.Image == "?") node.Image = s.Image;
        if (richer && s.CommandLine is not null || node.CommandLine is null) node.CommandLine = s.CommandLine ?? node.CommandLine;
        if (richer && s.User is not null || node.User is null) node.User = s.User ?? node.User;
        if (richer && s.LogonId is not null || node.LogonId is null) node.LogonId = s.LogonId ?? node.LogonId;
        node.IntegrityLevel ??= s.IntegrityLevel;
        node.OriginalFileName ??= s.OriginalFileName;
        if (s.Time < node.Start) node.Start = s.Time;
        node.StartEvents.Add(s.Event);
        if (!_claims.TryGetValue(node, out var claim) || richer && claim.ProcessGuid is null) _claims[node] = s;
    }

    /// <summary>The same process reported by the other source: same PID and image within a couple of seconds.</summary>
    private ProcessNode? SameProcessFromOtherSource(ProcessStart s, string? guid)
    {
        if (!_byPid.TryGetValue(s.ProcessId, out var list)) return null;
        for (int i = list.Count - 1; i >= 0; i--)
        {
            var n = list[i];
            if (n.Start is not { } start || (s.Time - start).Duration() > ProcessForest.SameProcessWindow) continue;
            if (!string.Equals(n.Image, s.Image, StringComparison.OrdinalIgnoreCase)) continue;
            bool otherSource = guid is null ? n.StartEvents.TrueForAll(e => ProcessStart.TryFrom(e, out var p) && p.ProcessGuid is not null)
                                            : n.ProcessGuid is null;
            if (otherSource) return n;
        }
        return null;
    }

    public void AddEnd(ProcessEnd end)
    {
        ProcessNode? node = null;
        if (ProcessForest.NormalizeGuid(end.ProcessGuid) is { } g) ByGuid.TryGetValue(g, out node);
        node ??= Owner(end.ProcessId, end.Time, null, requireRunning: true);
        if (node is not null && (node.End is null || end.Time < node.End)) node.End = end.Time;
    }

    /// <summary>The process started with this PID at (about) this time.</summary>
    public ProcessNode? StartedAt(long pid, DateTime time)
    {
        if (!_byPid.TryGetValue(pid, out var list)) return null;
        return list.Where(n => n.Start is { } s && (s - time).Duration() <= ProcessForest.SameProcessWindow)
                   .MinBy(n => (n.Start!.Value - time).Duration());
    }

    /// <summary>
    /// The latest process with this PID started at or before <paramref name="at"/> and not ended before it;
    /// when several qualify at the same start, the one whose logon matches <paramref name="logonId"/>.
    /// </summary>
    public ProcessNode? Owner(long pid, DateTime at, string? logonId, bool requireRunning = false, ProcessNode? exclude = null)
    {
        if (!_byPid.TryGetValue(pid, out var list)) return null;
        ProcessNode? best = null;
        foreach (var n in list)
        {
            if (ReferenceEquals(n, exclude) || n.Start is not { } start || start > at + TimeSpan.FromMilliseconds(1)) continue;
            if (requireRunning ? n.End is not null : n.End is { } end && end < at - TimeSpan.FromMilliseconds(1)) continue;
            if (best is null || start > best.Start || start == best.Start && logonId is not null && SameLogon(n.LogonId, logonId)) best = n;
        }
        return best;
    }

    private static bool SameLogon(string? a, string? b) =>
        ProcessStart.TryParseId(a, out var x) && ProcessStart.TryParseId(b, out var y) && x == y;

    /// <summary>Links every node to its parent: by ParentProcessGuid, else by PID at the child's start, else a synthesised parent.</summary>
    public void LinkParents()
    {
        foreach (var node in All.ToList())
        {
            if (!_claims.TryGetValue(node, out var claim)) continue;
            ProcessNode? parent = null;
            var parentGuid = ProcessForest.NormalizeGuid(claim.ParentProcessGuid);
            if (parentGuid is not null) ByGuid.TryGetValue(parentGuid, out parent);
            if (parent is null && claim.ParentProcessId is { } ppid && node.Start is { } start)
            {
                var creatorLogon = claim.ProcessGuid is null ? claim.Event.GetPayload("SubjectLogonId") : null;
                parent = Owner(ppid, start, creatorLogon, exclude: node);
                // A PID owner whose image contradicts the child's ParentImage is a reused PID, not the parent.
                if (parent is not null && !ImagesAgree(parent.Image, claim.ParentImage)) parent = null;
            }
            parent ??= Synthesise(claim, parentGuid);
            if (parent is null || ReferenceEquals(parent, node) || IsDescendant(parent, node)) continue;
            node.Parent = parent;
            parent.Children.Add(node);
        }
        foreach (var n in All) n.Children.Sort((a, b) => a.SortTime.CompareTo(b.SortTime) is var c && c != 0 ? c : a.ProcessId.CompareTo(b.ProcessId));
    }

    private static bool ImagesAgree(string image, string? claimed) =>
        string.IsNullOrEmpty(claimed) || claimed == "?" || image == "?" ||
        string.Equals(ProcessNode.FileNameOf(image), ProcessNode.FileNameOf(claimed), StringComparison.OrdinalIgnoreCase);

    private static bool IsDescendant(ProcessNode candidate, ProcessNode node)
    {
        for (var p = candidate.Parent; p is not null; p = p.Parent)
            if (ReferenceEquals(p, node)) return true;
        return false;
    }

    /// <summary>A parent known only from the child's fields; siblings share one synthesised node.</summary>
    private ProcessNode? Synthesise(ProcessStart claim, string? parentGuid)
    {
        if (claim.ParentProcessId is null && string.IsNullOrEmpty(claim.ParentImage)) return null;
        var image = string.IsNullOrEmpty(claim.ParentImage) ? "?" : claim.ParentImage;
        var key = parentGuid ?? $"{claim.ParentProcessId}|{image}";
        if (_synthetic.TryGetValue(key, out var known)) return known;
        var node = new ProcessNode(Name, claim.ParentProcessId ?? 0) { Synthetic = true, Image = image, CommandLine = claim.ParentCommandLine };
        if (parentGuid is not null) node.ProcessGuid = parentGuid;
        _synthetic[key] = node;
        All.Add(node);
        return node;
    }
}
