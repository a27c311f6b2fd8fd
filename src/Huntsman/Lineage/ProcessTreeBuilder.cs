using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Lineage;

/// <summary>
/// Collects process starts and ends from a stream of events in any order (file/chunk order, many
/// files per host) and builds per-host process trees once everything has been seen.
/// Only process events are kept; everything else is ignored.
/// </summary>
public sealed class ProcessTreeBuilder
{
    private readonly List<ProcessStart> _starts = new();
    private readonly List<ProcessEnd> _ends = new();

    public void Observe(WinEvent e)
    {
        if (ProcessStart.TryFrom(e, out var start))
        {
            _starts.Add(start);
            return;
        }
        if (e.EventId == 5 && Channels.IsSysmon(e) && ProcessStart.TryParseId(e.GetPayload("ProcessId"), out var pid))
            _ends.Add(new ProcessEnd(e.Computer, pid, e.GetPayload("ProcessGuid"), e.TimeCreated));
        else if (e.EventId == 4689 && Channels.IsSecurity(e) && ProcessStart.TryParseId(e.GetPayload("ProcessId"), out pid))
            _ends.Add(new ProcessEnd(e.Computer, pid, null, e.TimeCreated));
    }

    public ProcessForest Build() => ProcessForest.Build(_starts, _ends);
}

internal readonly record struct ProcessEnd(string Host, long ProcessId, string? ProcessGuid, DateTime Time);
