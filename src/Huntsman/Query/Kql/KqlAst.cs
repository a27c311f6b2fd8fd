using Huntsman.Query.Syntax;

namespace Huntsman.Query.Kql;

/// <summary>A tabular expression: a source followed by piped operators.</summary>
internal sealed record KqlPipeline(int Pos, KqlSource Source, IReadOnlyList<KqlOperator> Operators);

internal abstract record KqlSource(int Pos);
/// <summary>A table of the case, or a tabular let name.</summary>
internal sealed record TableSource(int Pos, string Name) : KqlSource(Pos);
internal sealed record UnionSource(int Pos, IReadOnlyList<KqlPipeline> Parts) : KqlSource(Pos);
internal sealed record NestedSource(int Pos, KqlPipeline Inner) : KqlSource(Pos);

/// <summary>name = expr (Name null when not named).</summary>
internal sealed record NamedExpr(string? Name, Expr Value);
internal sealed record SortKey(Expr Value, bool Descending, bool? NullsFirst);

internal abstract record KqlOperator(int Pos);
internal sealed record WhereOp(int Pos, Expr Predicate) : KqlOperator(Pos);
internal sealed record ProjectOp(int Pos, IReadOnlyList<NamedExpr> Columns) : KqlOperator(Pos);
internal sealed record ProjectAwayOp(int Pos, IReadOnlyList<ColumnExpr> Columns) : KqlOperator(Pos);
internal sealed record ProjectRenameOp(int Pos, IReadOnlyList<(string NewName, ColumnExpr Old)> Renames) : KqlOperator(Pos);
internal sealed record ExtendOp(int Pos, IReadOnlyList<NamedExpr> Columns) : KqlOperator(Pos);
internal sealed record SummarizeOp(int Pos, IReadOnlyList<NamedExpr> Aggregates, IReadOnlyList<NamedExpr> By) : KqlOperator(Pos);
internal sealed record SortOp(int Pos, IReadOnlyList<SortKey> Keys) : KqlOperator(Pos);
internal sealed record TopOp(int Pos, long Count, SortKey Key) : KqlOperator(Pos);
internal sealed record TakeOp(int Pos, long Count) : KqlOperator(Pos);
internal sealed record DistinctOp(int Pos, IReadOnlyList<Expr> Columns) : KqlOperator(Pos);
internal sealed record CountOp(int Pos) : KqlOperator(Pos);
internal sealed record JoinOp(int Pos, string Kind, KqlPipeline Right, IReadOnlyList<(Expr Left, Expr Right)> On) : KqlOperator(Pos);
internal sealed record UnionOp(int Pos, IReadOnlyList<KqlPipeline> Others) : KqlOperator(Pos);

internal abstract record KqlLet(int Pos, string Name);
internal sealed record ScalarLet(int Pos, string Name, Expr Value) : KqlLet(Pos, Name);
internal sealed record TabularLet(int Pos, string Name, KqlPipeline Value) : KqlLet(Pos, Name);

internal sealed record KqlQuery(IReadOnlyList<KqlLet> Lets, KqlPipeline Body);
