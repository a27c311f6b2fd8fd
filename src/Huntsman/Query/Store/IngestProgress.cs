namespace Huntsman.Query.Store;

/// <summary>Progress of an ingest: files and bytes read so far out of the total, events stored.</summary>
public readonly record struct IngestProgress(int FilesDone, int FilesTotal, long BytesDone, long BytesTotal, long Events);
