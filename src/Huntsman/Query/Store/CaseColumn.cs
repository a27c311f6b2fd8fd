namespace Huntsman.Query.Store;

/// <summary>One column of a case table and how to compute it from an event.</summary>
internal sealed record CaseColumn(string Name, ColumnKind Kind, Func<EventRow, object?> Value)
{
    public string SqlType => Kind switch
    {
        ColumnKind.Text => "VARCHAR",
        ColumnKind.Long => "BIGINT",
        ColumnKind.Time => "TIMESTAMP_NS", // EVTX times have 100 ns ticks; TIMESTAMP would drop the last digit
        _ => "VARCHAR[]",
    };
}
