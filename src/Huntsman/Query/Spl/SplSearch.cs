namespace Huntsman.Query.Spl;

/// <summary>A node of an SPL search clause (index=sysmon Image="*x" NOT (a OR b) freetext).</summary>
internal abstract record SearchNode(int Pos);
internal sealed record SearchAnd(int Pos, IReadOnlyList<SearchNode> Parts) : SearchNode(Pos);
internal sealed record SearchOr(int Pos, IReadOnlyList<SearchNode> Parts) : SearchNode(Pos);
internal sealed record SearchNot(int Pos, SearchNode Operand) : SearchNode(Pos);
/// <summary>field=value, field!=value, field&lt;value …; Value may hold * wildcards.</summary>
internal sealed record SearchCompare(int Pos, string Field, string Op, string Value) : SearchNode(Pos);
/// <summary>A bare term: matches when any field contains it (case-insensitive, * wildcards allowed).</summary>
internal sealed record SearchText(int Pos, string Value) : SearchNode(Pos);
