namespace Huntsman.Hunt;

/// <summary>Sigma levels in order of severity.</summary>
public static class Levels
{
    public static readonly string[] Ordered = ["informational", "low", "medium", "high", "critical"];

    /// <summary>0 (informational) … 4 (critical); unknown levels rank as informational.</summary>
    public static int Rank(string? level)
    {
        int i = level is null ? -1 : Array.FindIndex(Ordered, l => l.Equals(level, StringComparison.OrdinalIgnoreCase));
        return Math.Max(0, i);
    }

    public static bool IsValid(string level) => Array.Exists(Ordered, l => l.Equals(level, StringComparison.OrdinalIgnoreCase));
}
