using Huntsman.Events;
using Huntsman.Query.Store;
using Huntsman.Readers;

namespace Huntsman.Tests.Query;

/// <summary>
/// An in-memory case over real samples from ../shared/data (Sysmon- and Security-heavy folders), read once
/// per test class; the same parsed events feed the LINQ side of the comparisons.
/// </summary>
public sealed class SharedCase : IDisposable
{
    internal static readonly string[] Folders =
    [
        "evtx/EVTX-ATTACK-SAMPLES/Execution", "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement",
        "evtx/EVTX-ATTACK-SAMPLES/Credential Access", "evtx/EVTX-ATTACK-SAMPLES/AutomatedTestingTools/Malware", "evtx/DeepBlueCLI/evtx",
    ];

    private readonly Lazy<(List<WinEvent>, CaseStore)> _loaded;

    public SharedCase()
    {
        _loaded = new Lazy<(List<WinEvent>, CaseStore)>(() =>
        {
            var events = Read(Folders.Select(f => Path.Combine(SharedData.Root!, f)));
            var store = CaseStore.Open();
            CaseIngestor.IngestEvents(store, events);
            return (events, store);
        });
    }

    /// <summary>Skips (or fails under CI) when the shared data is absent.</summary>
    internal (List<WinEvent> Events, CaseStore Store) Require()
    {
        SharedData.Require();
        return _loaded.Value;
    }

    internal static List<WinEvent> Read(IEnumerable<string> paths)
    {
        var events = new List<WinEvent>();
        using var reader = new EvidenceReader(new ReaderOptions(), _ => { });
        EvidencePipeline.Run(reader.Units(paths), b => b.Events, events.AddRange, Environment.ProcessorCount);
        return events;
    }

    public void Dispose()
    {
        if (_loaded.IsValueCreated) _loaded.Value.Item2.Dispose();
    }
}
