using System.Data;
using DuckDB.NET.Data;
using Huntsman.Query.Sql;
using ValueType = Huntsman.Query.Sql.ValueType;

namespace Huntsman.Query.Store;

/// <summary>
/// A case: an embedded DuckDB database (a file, or in memory) holding the normalised event tables.
/// Tables are created on open; ingest appends; queries are plain SQL over the tables and the Event view.
/// </summary>
public sealed class CaseStore : IDisposable
{
    internal const string IngestedFilesTable = "ingested_files";

    private CaseStore(DuckDBConnection connection)
    {
        Connection = connection;
    }

    internal DuckDBConnection Connection { get; }

    /// <summary>Opens (creating if needed) a case file; null or ":memory:" gives an in-memory case.</summary>
    public static CaseStore Open(string? path = null)
    {
        var source = string.IsNullOrEmpty(path) || path == ":memory:" ? ":memory:" : Path.GetFullPath(path);
        var connection = new DuckDBConnection($"DataSource={source}");
        connection.Open();
        var store = new CaseStore(connection);
        store.CreateSchema();
        return store;
    }

    private void CreateSchema()
    {
        foreach (var table in CaseSchema.Tables)
        {
            var columns = string.Join(", ", table.Columns.Select(c => $"{SqlText.Ident(c.Name)} {c.SqlType}"));
            Execute($"CREATE TABLE IF NOT EXISTS {SqlText.Ident(table.StorageName)} ({columns})");
        }
        Execute("CREATE OR REPLACE VIEW \"Event\" AS SELECT * EXCLUDE (FieldNames, FieldValues), "
              + "to_json(map(FieldNames, FieldValues)) AS \"Fields\" FROM \"EventStore\"");
        Execute($"CREATE TABLE IF NOT EXISTS {IngestedFilesTable} (Path VARCHAR PRIMARY KEY, Size BIGINT, ModifiedUtc TIMESTAMP, Events BIGINT, IngestedUtc TIMESTAMP)");
    }

    internal void Execute(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    internal object? Scalar(string sql)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    /// <summary>Tables and views a query may name, with their columns (storage tables hidden).</summary>
    internal IReadOnlyDictionary<string, IReadOnlyList<RelationColumn>> QueryableTables()
    {
        var result = new Dictionary<string, List<RelationColumn>>(StringComparer.Ordinal);
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = "SELECT table_name, column_name, data_type FROM information_schema.columns "
                        + "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position";
        using var reader = cmd.ExecuteReader();
        while (reader.Read())
        {
            var table = reader.GetString(0);
            if (table is "EventStore" or IngestedFilesTable) continue;
            if (!result.TryGetValue(table, out var cols)) result[table] = cols = new List<RelationColumn>();
            cols.Add(new RelationColumn(reader.GetString(1), ValueTypes.FromDuckDb(reader.GetString(2))));
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<RelationColumn>)kv.Value, StringComparer.Ordinal);
    }

    /// <summary>Runs SQL and materialises the rows (DuckDB values as .NET values: string, long, DateTime, TimeSpan, …).</summary>
    public QueryResult Run(string sql, CancellationToken cancel = default)
    {
        using var cmd = Connection.CreateCommand();
        cmd.CommandText = sql;
        using var reader = cmd.ExecuteReader();
        var columns = new string[reader.FieldCount];
        for (int i = 0; i < columns.Length; i++) columns[i] = reader.GetName(i);
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            cancel.ThrowIfCancellationRequested();
            var row = new object?[columns.Length];
            for (int i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return new QueryResult(columns, rows, sql);
    }

    /// <summary>Writes every queryable table as DIR/&lt;Table&gt;.parquet.</summary>
    public IReadOnlyList<string> ExportParquet(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var table in CaseSchema.Tables)
        {
            var target = Path.Combine(Path.GetFullPath(directory), table.Name + ".parquet");
            Execute($"COPY (SELECT * FROM {SqlText.Ident(table.Name)}) TO {SqlText.Str(target)} (FORMAT parquet)");
            written.Add(target);
        }
        return written;
    }

    public long Count(string table) => Convert.ToInt64(Scalar($"SELECT count(*) FROM {SqlText.Ident(table)}"), System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose() => Connection.Dispose();
}
