using Huntsman.Events;

namespace Huntsman.Tests.Query;

/// <summary>
/// A query and its answer computed independently with LINQ over the parsed events.
/// Rows compare as formatted text; as a multiset unless <see cref="Ordered"/>.
/// </summary>
public sealed record QueryCase(string Name, string Query, Func<IReadOnlyList<WinEvent>, IEnumerable<object?[]>> Expected, bool Ordered = false)
{
    public override string ToString() => Name;
}
