using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Hunt;

namespace Huntsman.Lineage;

/// <summary>
/// The process trees of every host seen, with lookups by ProcessGuid or by PID at a time
/// (PIDs are reused: the owner of a PID at time t is the latest process with that PID started
/// at or before t and not yet ended).
/// </summary>
public sealed class ProcessForest
{
    /// <summary>Sysmon and Security clocks disagree by a few ms; events of one process are matched within this.</summary>
    internal static readonly TimeSpan SameProcessWindow = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, HostProcesses> _hosts = new(StringComparer.OrdinalIgnoreCase);

    private ProcessForest() { }

    public IEnumerable<string> Hosts => _hosts.Values.Select(h => h.Name).Order(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ProcessNode> Nodes(string host) => _hosts.TryGetValue(host, out var h) ? h.All : [];

    /// <summary>Processes without a known parent, in time order (synthesised parents included).</summary>
    public IReadOnlyList<ProcessNode> Roots(string host) =>
        Nodes(host).Where(n => n.Parent is null).OrderBy(n => n.SortTime).ThenBy(n => n.ProcessId).ToList();

    public ProcessNode? FindByGuid(string host, string guid) =>
        _hosts.TryGetValue(host, out var h) && h.ByGuid.TryGetValue(NormalizeGuid(guid) ?? "", out var n) ? n : null;

    /// <summary>The process that owned <paramref name="pid"/> on <paramref name="host"/> at <paramref name="at"/>.</summary>
    public ProcessNode? FindByPid(string host, long pid, DateTime at) =>
        _hosts.TryGetValue(host, out var h) ? h.Owner(pid, at, null) : null;

    /// <summary>
    /// The process an event is about: for a process start, the process itself; otherwise the acting
    /// process, by ProcessGuid, else by the payload's or the System's ProcessId at the event's time.
    /// </summary>
    public ProcessNode? FindForEvent(WinEvent e)
    {
        if (!_hosts.TryGetValue(e.Computer, out var h)) return null;
        if (ProcessStart.TryFrom(e, out var p))
        {
            if (p.ProcessGuid is { } g && h.ByGuid.TryGetValue(NormalizeGuid(g) ?? "", out var byGuid)) return byGuid;
            return h.StartedAt(p.ProcessId, p.Time);
        }
        if (e.GetPayload("ProcessGuid") is { } guid && h.ByGuid.TryGetValue(NormalizeGuid(guid) ?? "", out var node)) return node;
        if (ProcessStart.TryParseId(e.GetPayload("ProcessId"), out var pid) || (e.ProcessId is { } sys && (pid = sys) >= 0))
            return h.Owner(pid, e.TimeCreated, null);
        return null;
    }

    /// <summary>The process and its parents, nearest first.</summary>
    public static IReadOnlyList<ProcessStep> Ancestry(ProcessNode node)
    {
        var steps = new List<ProcessStep>();
        var seen = new HashSet<ProcessNode>(ReferenceEqualityComparer.Instance);
        for (var n = node; n is not null && seen.Add(n) && steps.Count < 64; n = n.Parent)
            steps.Add(new ProcessStep(n.Image, n.CommandLine, n.ProcessId, n.User, n.Start));
        return steps;
    }

    /// <summary>Ancestry of the process an event is about (empty when the process is unknown).</summary>
    public IReadOnlyList<ProcessStep> AncestryOf(WinEvent e) => FindForEvent(e) is { } n ? Ancestry(n) : [];

    /// <summary>All descendants of a process, depth first, children in time order.</summary>
    public static IEnumerable<ProcessNode> Descendants(ProcessNode node)
    {
        var stack = new Stack<ProcessNode>();
        var seen = new HashSet<ProcessNode>(ReferenceEqualityComparer.Instance) { node };
        foreach (var c in Enumerable.Reverse(node.Children)) stack.Push(c);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            yield return n;
            foreach (var c in Enumerable.Reverse(n.Children)) stack.Push(c);
        }
    }

    internal static string? NormalizeGuid(string? guid)
    {
        if (string.IsNullOrWhiteSpace(guid)) return null;
        var g = guid.Trim().Trim('{', '}');
        if (g.Length == 0 || g.All(c => c == '0' || c == '-')) return null;
        return g.ToUpperInvariant();
    }

    internal static ProcessForest Build(List<ProcessStart> starts, List<ProcessEnd> ends)
    {
        var forest = new ProcessForest();
        foreach (var s in starts.OrderBy(s => s.Time).ThenBy(s => s.ProcessGuid is null).ThenBy(s => s.Event.RecordId))
        {
            if (!forest._hosts.TryGetValue(s.Host, out var h)) forest._hosts[s.Host] = h = new HostProcesses(s.Host);
            h.AddStart(s);
        }
        foreach (var end in ends.OrderBy(e => e.Time))
            if (forest._hosts.TryGetValue(end.Host, out var h)) h.AddEnd(end);
        foreach (var h in forest._hosts.Values) h.LinkParents();
        return forest;
    }
}
