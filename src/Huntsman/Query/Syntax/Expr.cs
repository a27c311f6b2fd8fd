namespace Huntsman.Query.Syntax;

/// <summary>An expression node; <see cref="Pos"/> is its index in the query text (for positioned errors).</summary>
internal abstract record Expr(int Pos);

internal enum LiteralKind { String, Long, Real, Bool, Null, DateTime, TimeSpan }

/// <summary>A literal; DateTime as UTC ticks text, TimeSpan as microseconds text.</summary>
internal sealed record LiteralExpr(int Pos, LiteralKind Kind, string Value) : Expr(Pos);

internal sealed record ColumnExpr(int Pos, string Name) : Expr(Pos);

/// <summary>$left.Col / $right.Col inside a join condition.</summary>
internal sealed record SideColumnExpr(int Pos, bool Left, string Name) : Expr(Pos);

internal sealed record StarExpr(int Pos) : Expr(Pos);

internal sealed record CallExpr(int Pos, string Name, IReadOnlyList<Expr> Args) : Expr(Pos);

/// <summary>Binary operator as written in the source language (==, =~, has, !contains, and, +, …).</summary>
internal sealed record BinaryExpr(int Pos, string Op, Expr Left, Expr Right) : Expr(Pos);

internal sealed record UnaryExpr(int Pos, string Op, Expr Operand) : Expr(Pos);

/// <summary>x in (a, b), x !in (…), x in~ (…), x has_any (…).</summary>
internal sealed record ListOpExpr(int Pos, string Op, Expr Operand, IReadOnlyList<Expr> Items) : Expr(Pos);

internal sealed record BetweenExpr(int Pos, Expr Operand, Expr Low, Expr High, bool Negated) : Expr(Pos);

internal sealed record MemberExpr(int Pos, Expr Target, string Member) : Expr(Pos);

internal sealed record IndexExpr(int Pos, Expr Target, Expr Index) : Expr(Pos);
