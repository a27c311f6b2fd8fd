using Huntsman.Events;
using Huntsman.Hunt;

namespace Huntsman.Report.Html;

/// <summary>
/// Counts events per host, channel and event ID while evidence streams past, for the report's
/// telemetry overview and run summary. Not thread-safe: feed it from the pipeline's ordered consumer
/// (as a hunt observer).
/// </summary>
public sealed class TelemetryCollector : IEventObserver
{
    private readonly Dictionary<(string Host, string Channel, int EventId), Cell> _cells = new();

    private sealed class Cell(DateTime time)
    {
        public long Count;
        public DateTime First = time, Last = time;
    }

    public long Events { get; private set; }
    public DateTime? First { get; private set; }
    public DateTime? Last { get; private set; }

    public void Observe(WinEvent e)
    {
        Events++;
        var key = (e.Computer, e.Channel, e.EventId);
        if (!_cells.TryGetValue(key, out var cell)) _cells[key] = cell = new Cell(e.TimeCreated);
        cell.Count++;
        if (e.TimeCreated < cell.First) cell.First = e.TimeCreated;
        if (e.TimeCreated > cell.Last) cell.Last = e.TimeCreated;
        if (First is null || e.TimeCreated < First) First = e.TimeCreated;
        if (Last is null || e.TimeCreated > Last) Last = e.TimeCreated;
    }

    /// <summary>Hosts sorted by name; per host, channels by name then event IDs ascending.</summary>
    public IReadOnlyList<HostTelemetry> Hosts() =>
        _cells.GroupBy(c => c.Key.Host, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new HostTelemetry(g.Key, g
                .OrderBy(c => c.Key.Channel, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Key.EventId)
                .Select(c => new TelemetryCount(c.Key.Channel, c.Key.EventId, c.Value.Count, c.Value.First, c.Value.Last))
                .ToList()))
            .ToList();
}
