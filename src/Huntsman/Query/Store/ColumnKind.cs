namespace Huntsman.Query.Store;

/// <summary>Storage type of a case column; decides the DuckDB type and the appender overload.</summary>
internal enum ColumnKind { Text, Long, Time, TextList }
