namespace Huntsman.Query.Sql;

/// <summary>The value types a query sees (KQL's scalar types); used to reject mismatches with a position.</summary>
internal enum ValueType { String, Long, Real, Bool, DateTime, TimeSpan, Dynamic, Null }

internal static class ValueTypes
{
    public static bool IsNumeric(this ValueType t) => t is ValueType.Long or ValueType.Real;

    public static ValueType FromDuckDb(string sqlType)
    {
        var t = sqlType.ToUpperInvariant();
        if (t is "VARCHAR" or "JSON") return t == "JSON" ? ValueType.Dynamic : ValueType.String;
        if (t is "BIGINT" or "INTEGER" or "SMALLINT" or "TINYINT" or "HUGEINT" or "UBIGINT" or "UINTEGER" or "USMALLINT" or "UTINYINT") return ValueType.Long;
        if (t is "DOUBLE" or "FLOAT" || t.StartsWith("DECIMAL", StringComparison.Ordinal)) return ValueType.Real;
        if (t.StartsWith("TIMESTAMP", StringComparison.Ordinal) || t == "DATE") return ValueType.DateTime;
        if (t == "INTERVAL") return ValueType.TimeSpan;
        if (t == "BOOLEAN") return ValueType.Bool;
        return ValueType.Dynamic;
    }

    public static string Describe(this ValueType t) => t switch
    {
        ValueType.String => "string",
        ValueType.Long => "long",
        ValueType.Real => "real",
        ValueType.Bool => "bool",
        ValueType.DateTime => "datetime",
        ValueType.TimeSpan => "timespan",
        ValueType.Null => "null",
        _ => "dynamic",
    };
}
