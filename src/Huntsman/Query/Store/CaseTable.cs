namespace Huntsman.Query.Store;

/// <summary>A table of the case store: which events it takes and its columns.</summary>
internal sealed record CaseTable(string Name, Func<EventRow, bool> Accepts, IReadOnlyList<CaseColumn> Columns)
{
    /// <summary>Physical table name (Event is a view over EventStore that adds the Fields JSON column).</summary>
    public string StorageName => Name == "Event" ? "EventStore" : Name;
}
