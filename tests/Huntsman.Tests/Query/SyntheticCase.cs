using Huntsman.Events;
using Huntsman.Query.Store;

namespace Huntsman.Tests.Query;

/// <summary>One in-memory case over <see cref="SyntheticEvidence"/>, shared by the tests of a class.</summary>
public sealed class SyntheticCase : IDisposable
{
    public SyntheticCase()
    {
        Events = SyntheticEvidence.Build();
        Store = CaseStore.Open();
        CaseIngestor.IngestEvents(Store, Events);
    }

    internal List<WinEvent> Events { get; }
    internal CaseStore Store { get; }

    public void Dispose() => Store.Dispose();
}
