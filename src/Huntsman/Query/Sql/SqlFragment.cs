namespace Huntsman.Query.Sql;

/// <summary>Translated SQL text of an expression, with the type it evaluates to.</summary>
internal readonly record struct SqlFragment(string Sql, ValueType Type);
