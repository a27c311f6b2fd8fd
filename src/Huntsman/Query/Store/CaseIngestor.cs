using System.Diagnostics;
using DuckDB.NET.Data;
using Huntsman.Events;
using Huntsman.Query.Sql;
using Huntsman.Readers;

namespace Huntsman.Query.Store;

/// <summary>
/// Loads evidence into a case: events are read and turned into rows on all cores, then streamed into
/// DuckDB appenders on one thread. Incremental: a file already ingested with the same size and mtime is
/// skipped; a changed one has its rows replaced.
/// </summary>
public static class CaseIngestor
{
    private sealed record FileState(long Size, DateTime ModifiedUtc);

    private sealed class RowBatch(EvidenceUnit unit)
    {
        public EvidenceUnit Unit { get; } = unit;
        public List<(int Table, object?[] Values)> Rows { get; } = new();
        public int Events { get; set; }
        public List<ReadIssue> Issues { get; } = new();
    }

    public static IngestSummary Ingest(CaseStore store, IEnumerable<string> paths, ReaderOptions options, Action<ReadIssue> report,
        Action<IngestProgress>? progress = null, CancellationToken cancel = default) =>
        Ingest(store, paths, options, report, progress, null, cancel);

    /// <summary>As above, with the formats to recognise (default: every registered reader).</summary>
    internal static IngestSummary Ingest(CaseStore store, IEnumerable<string> paths, ReaderOptions options, Action<ReadIssue> report,
        Action<IngestProgress>? progress, IReadOnlyList<IEvidenceFormat>? formats, CancellationToken cancel = default)
    {
        var clock = Stopwatch.StartNew();
        RemoveUnfinished(store);
        var known = LoadIngested(store);
        using var reader = new EvidenceReader(options, report, formats);
        var todo = new List<(string Path, FileState State)>();
        int unchanged = 0, replaced = 0;
        foreach (var file in reader.ExpandPaths(paths).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
        {
            FileState state;
            try
            {
                var info = new FileInfo(file);
                // DuckDB keeps microseconds; compare at that precision.
                var mtime = info.LastWriteTimeUtc;
                state = new FileState(info.Length, new DateTime(mtime.Ticks - mtime.Ticks % 10, DateTimeKind.Utc));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                report(new ReadIssue(file, $"cannot stat: {ex.Message}"));
                continue;
            }
            if (known.TryGetValue(file, out var previous))
            {
                if (previous == state) { unchanged++; continue; }
                DeleteFile(store, file);
                replaced++;
            }
            todo.Add((file, state));
        }

        long bytesTotal = todo.Sum(t => t.State.Size);
        var eventsPerFile = todo.ToDictionary(t => t.Path, _ => 0L, StringComparer.Ordinal);
        long events = 0, bytes = 0;
        int filesDone = 0;
        string? currentFile = null;
        using (var appenders = new Appenders(store.Connection))
        {
            EvidencePipeline.Run(reader.Units(todo.Select(t => t.Path)), ToRows, batch =>
            {
                foreach (var issue in batch.Issues) report(issue);
                appenders.Append(batch.Rows);
                events += batch.Events;
                bytes += batch.Unit.Length;
                if (eventsPerFile.ContainsKey(batch.Unit.File)) eventsPerFile[batch.Unit.File] += batch.Events;
                if (batch.Unit.File != currentFile) { currentFile = batch.Unit.File; filesDone++; }
                progress?.Invoke(new IngestProgress(filesDone, todo.Count, Math.Min(bytes, bytesTotal), bytesTotal, events));
            }, options.EffectiveThreads, cancel);
        }
        RecordIngested(store, todo, eventsPerFile);
        progress?.Invoke(new IngestProgress(todo.Count, todo.Count, bytesTotal, bytesTotal, events));
        return new IngestSummary(todo.Count, unchanged, replaced, events, bytesTotal, clock.Elapsed);
    }

    /// <summary>Stores events built in code (tests, other subsystems); they are not tracked as files.</summary>
    internal static long IngestEvents(CaseStore store, IEnumerable<WinEvent> events)
    {
        long n = 0;
        using var appenders = new Appenders(store.Connection);
        foreach (var e in events)
        {
            var batch = new List<(int, object?[])>();
            AddRows(e, batch);
            appenders.Append(batch);
            n++;
        }
        return n;
    }

    private static RowBatch ToRows(EventBatch batch)
    {
        var rows = new RowBatch(batch.Unit);
        rows.Issues.AddRange(batch.Issues);
        foreach (var e in batch.Events)
        {
            try
            {
                AddRows(e, rows.Rows);
                rows.Events++;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                rows.Issues.Add(new ReadIssue(batch.Unit.File, $"event could not be stored: {ex.GetType().Name}: {ex.Message}",
                    ChunkIndex: e.Origin.ChunkIndex, Offset: e.Origin.Offset, RecordId: e.RecordId));
            }
        }
        return rows;
    }

    private static void AddRows(WinEvent e, List<(int, object?[])> rows)
    {
        var row = new EventRow(e);
        var tables = CaseSchema.Tables;
        for (int t = 0; t < tables.Count; t++)
        {
            var table = tables[t];
            if (!table.Accepts(row)) continue;
            var values = new object?[table.Columns.Count];
            for (int c = 0; c < values.Length; c++) values[c] = table.Columns[c].Value(row);
            rows.Add((t, values));
        }
    }

    /// <summary>Rows of a run that stopped before recording its files are removed, so a re-run cannot duplicate them.</summary>
    private static void RemoveUnfinished(CaseStore store)
    {
        foreach (var table in CaseSchema.Tables)
            store.Execute($"DELETE FROM {SqlText.Ident(table.StorageName)} WHERE \"File\" NOT IN (SELECT Path FROM {CaseStore.IngestedFilesTable})");
    }

    private static void DeleteFile(CaseStore store, string file)
    {
        foreach (var table in CaseSchema.Tables)
            store.Execute($"DELETE FROM {SqlText.Ident(table.StorageName)} WHERE \"File\" = {SqlText.Str(file)}");
        store.Execute($"DELETE FROM {CaseStore.IngestedFilesTable} WHERE Path = {SqlText.Str(file)}");
    }

    private static Dictionary<string, FileState> LoadIngested(CaseStore store)
    {
        var result = new Dictionary<string, FileState>(StringComparer.Ordinal);
        using var cmd = store.Connection.CreateCommand();
        cmd.CommandText = $"SELECT Path, Size, ModifiedUtc FROM {CaseStore.IngestedFilesTable}";
        using var r = cmd.ExecuteReader();
        while (r.Read()) result[r.GetString(0)] = new FileState(r.GetInt64(1), DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc));
        return result;
    }

    private static void RecordIngested(CaseStore store, List<(string Path, FileState State)> files, Dictionary<string, long> events)
    {
        if (files.Count == 0) return;
        var now = DateTime.UtcNow;
        using var appender = store.Connection.CreateAppender(CaseStore.IngestedFilesTable);
        foreach (var (path, state) in files)
        {
            var row = appender.CreateRow();
            row.AppendValue(path).AppendValue(state.Size).AppendValue(state.ModifiedUtc).AppendValue(events[path]).AppendValue(now).EndRow();
        }
    }

    /// <summary>One appender per table, opened on first use and flushed on dispose.</summary>
    private sealed class Appenders(DuckDBConnection connection) : IDisposable
    {
        private readonly DuckDBAppender?[] _open = new DuckDBAppender?[CaseSchema.Tables.Count];

        public void Append(List<(int Table, object?[] Values)> rows)
        {
            foreach (var (t, values) in rows)
            {
                var appender = _open[t] ??= connection.CreateAppender(CaseSchema.Tables[t].StorageName);
                var columns = CaseSchema.Tables[t].Columns;
                var row = appender.CreateRow();
                for (int c = 0; c < values.Length; c++)
                {
                    var v = values[c];
                    switch (columns[c].Kind)
                    {
                        case ColumnKind.Text: row.AppendValue((string?)v); break;
                        case ColumnKind.Long: row.AppendValue(v is null ? null : (long?)Convert.ToInt64(v)); break;
                        case ColumnKind.Time: row.AppendValue((DateTime?)v); break;
                        default: row.AppendValue((List<string>?)v); break;
                    }
                }
                row.EndRow();
            }
        }

        public void Dispose()
        {
            foreach (var a in _open) a?.Dispose();
        }
    }
}
