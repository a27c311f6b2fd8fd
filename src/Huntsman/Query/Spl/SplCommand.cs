using Huntsman.Query.Syntax;

namespace Huntsman.Query.Spl;

internal abstract record SplCommand(int Pos);
internal sealed record SplSearchCommand(int Pos, SearchNode? Search) : SplCommand(Pos);
internal sealed record SplWhere(int Pos, Expr Predicate) : SplCommand(Pos);
internal sealed record SplEval(int Pos, IReadOnlyList<(string Name, Expr Value)> Assignments) : SplCommand(Pos);
internal sealed record SplAggregate(int Pos, string Function, string? Field, string Name);
internal sealed record SplStats(int Pos, IReadOnlyList<SplAggregate> Aggregates, IReadOnlyList<string> By) : SplCommand(Pos);
internal sealed record SplTable(int Pos, IReadOnlyList<string> Fields) : SplCommand(Pos);
internal sealed record SplFields(int Pos, bool Remove, IReadOnlyList<string> Fields) : SplCommand(Pos);
internal sealed record SplSort(int Pos, long Limit, IReadOnlyList<(string Field, bool Descending)> Keys) : SplCommand(Pos);
internal sealed record SplHead(int Pos, long Count) : SplCommand(Pos);
internal sealed record SplRename(int Pos, IReadOnlyList<(string From, string To)> Renames) : SplCommand(Pos);
internal sealed record SplDedup(int Pos, IReadOnlyList<string> Fields) : SplCommand(Pos);
internal sealed record SplRex(int Pos, string Field, string Pattern, int PatternPos) : SplCommand(Pos);

internal sealed record SplQuery(SearchNode? Search, int SearchPos, IReadOnlyList<SplCommand> Commands);
