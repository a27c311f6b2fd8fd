using Huntsman.Lateral;

namespace Huntsman.Report.Html;

/// <summary>Turns the lateral-movement engine's findings into the report's plain records.</summary>
public static class LateralFindingMapper
{
    private const int MaxCommands = 50;

    public static LateralMovementFinding From(LateralFinding f) => new()
    {
        Kind = f.Kind,
        Tool = f.Tool,
        SourceHost = f.SourceHost ?? f.SourceIp,
        TargetHost = f.TargetHost ?? "(unknown target)",
        Account = f.Account,
        Time = f.Start,
        Confidence = f.SuppressedBy is { } by ? $"{f.Confidence} (allowlisted: {by})" : f.Confidence,
        Reasons = f.Reasons,
        Commands = [.. Flatten(f.Commands).Take(MaxCommands).Select(c => c.CommandLine ?? c.Image)],
        Techniques = f.Attack,
    };

    /// <summary>Depth first, bounded so a cyclic or huge tree cannot run away.</summary>
    private static IEnumerable<CommandTree> Flatten(IEnumerable<CommandTree> trees)
    {
        var stack = new Stack<(CommandTree Tree, int Depth)>(trees.Reverse().Select(t => (t, 0)));
        while (stack.Count > 0)
        {
            var (tree, depth) = stack.Pop();
            yield return tree;
            if (depth < 32)
                foreach (var child in tree.Children.Reverse()) stack.Push((child, depth + 1));
        }
    }
}
