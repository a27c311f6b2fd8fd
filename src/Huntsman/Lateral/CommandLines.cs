namespace Huntsman.Lateral;

/// <summary>Small command-line readers (no regex on the hot path: they run on every process start).</summary>
internal static class CommandLines
{
    /// <summary>The first "\\host" argument (host part only), or null.</summary>
    public static string? RemoteHostArgument(string? commandLine)
    {
        if (commandLine is null) return null;
        int i = commandLine.IndexOf(@"\\", StringComparison.Ordinal);
        while (i >= 0)
        {
            bool atTokenStart = i == 0 || commandLine[i - 1] is ' ' or '"' or '\t' or '=' or ',';
            if (atTokenStart)
            {
                int start = i + 2, end = start;
                while (end < commandLine.Length && commandLine[end] is not ('\\' or ' ' or '"' or ',' or '\t' or '/')) end++;
                if (end > start) return commandLine[start..end];
            }
            i = commandLine.IndexOf(@"\\", i + 2, StringComparison.Ordinal);
        }
        return null;
    }

    public static bool ContainsAll(string? text, params string[] parts)
    {
        if (text is null) return false;
        foreach (var p in parts)
            if (!text.Contains(p, StringComparison.OrdinalIgnoreCase)) return false;
        return true;
    }

    public static bool ContainsAny(string? text, params string[] parts)
    {
        if (text is null) return false;
        foreach (var p in parts)
            if (text.Contains(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The argument after a switch such as /node: or /s (null when absent).</summary>
    public static string? SwitchValue(string? commandLine, string name)
    {
        if (commandLine is null) return null;
        int i = commandLine.IndexOf(name, StringComparison.OrdinalIgnoreCase);
        if (i < 0) return null;
        int start = i + name.Length;
        while (start < commandLine.Length && commandLine[start] is ' ' or '"' or '\'' or ':') start++;
        int end = start;
        while (end < commandLine.Length && commandLine[end] is not (' ' or '"' or '\'' or ',')) end++;
        return end > start ? commandLine[start..end].TrimStart('\\') : null;
    }
}
