using System.Text;

namespace Huntsman.Query;

/// <summary>
/// A query that cannot be run as written. Always carries the place in the query (never a wrong answer
/// instead), and a hint listing what is supported there.
/// </summary>
public sealed class QueryException : Exception
{
    public QueryException(string query, int index, string reason, string? hint = null)
        : base(reason)
    {
        Query = query;
        Position = QueryPosition.At(query, index);
        Reason = reason;
        Hint = hint;
    }

    public string Query { get; }
    public QueryPosition Position { get; }
    public string Reason { get; }
    public string? Hint { get; }

    /// <summary>"line:col: reason", the offending line with a caret under the place, then the hint.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append(Position).Append(": ").AppendLine(Reason);
        var lines = Query.Split('\n');
        var line = lines[Math.Min(Position.Line - 1, lines.Length - 1)].TrimEnd('\r');
        sb.Append("  ").AppendLine(line);
        sb.Append("  ").Append(new string(' ', Math.Max(0, Position.Column - 1))).AppendLine("^");
        if (Hint is not null) sb.Append("  ").AppendLine(Hint);
        return sb.ToString();
    }

    public override string Message => $"{Position}: {Reason}" + (Hint is null ? "" : $" ({Hint})");
}
