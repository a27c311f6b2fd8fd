namespace Huntsman.Query.Store;

/// <summary>What an ingest did: files loaded, skipped as unchanged, replaced because they changed.</summary>
public sealed record IngestSummary(int FilesIngested, int FilesUnchanged, int FilesReplaced, long Events, long Bytes, TimeSpan Elapsed);
