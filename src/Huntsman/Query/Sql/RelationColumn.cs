namespace Huntsman.Query.Sql;

internal readonly record struct RelationColumn(string Name, ValueType Type);
