using System.Text;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Normalises values so that runs of the same behaviour share one key: command lines and names become
/// shapes where GUIDs, hex, numbers, user names and temp folders are placeholders
/// (<c>&lt;guid&gt;</c>, <c>&lt;hex&gt;</c>, <c>&lt;num&gt;</c>, <c>&lt;user&gt;</c>, <c>&lt;tmp&gt;</c>), lower-cased and
/// whitespace-collapsed. A single scan, no regex: it runs on every process start.
/// </summary>
public static class Shapes
{
    /// <summary>Shapes longer than this are cut (with "…") so a baseline stays bounded.</summary>
    public const int MaxLength = 400;

    private static readonly HashSet<string> PlatformWords = new(StringComparer.Ordinal)
    {
        "system32", "syswow64", "win32", "win64", "wow64", "x64", "x86", "amd64", "arm64", "rundll32", "regsvr32",
        "ipv4", "ipv6", "utf8", "utf16", "base64", "sha1", "sha256", "md5", "forcev1",
    };

    private static readonly string[] TempFolders = [@"\appdata\local\temp\", @"\windows\temp\", "%temp%\\", "%tmp%\\"];

    /// <summary>The lower-cased file name of a path ("C:\Windows\System32\cmd.exe" → "cmd.exe"); "?" when unknown.</summary>
    public static string FileName(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "?";
        var span = path.AsSpan().Trim().Trim('"');
        int cut = span.LastIndexOfAny('\\', '/');
        var name = cut >= 0 ? span[(cut + 1)..] : span;
        return name.Length == 0 ? "?" : name.ToString().ToLowerInvariant();
    }

    /// <summary>The file name as the event spells it (for explanations).</summary>
    public static string DisplayName(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "?";
        var span = path.AsSpan().Trim().Trim('"');
        int cut = span.LastIndexOfAny('\\', '/');
        var name = cut >= 0 ? span[(cut + 1)..] : span;
        return name.Length == 0 ? "?" : name.ToString();
    }

    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var s = text.ToLowerInvariant();
        s = ReplaceTempFolders(s);
        s = ReplaceUserNames(s);
        var sb = new StringBuilder(Math.Min(s.Length, MaxLength + 8));
        bool space = false;
        for (int i = 0; i < s.Length && sb.Length < MaxLength;)
        {
            char c = s[i];
            if (char.IsWhiteSpace(c))
            {
                space = sb.Length > 0;
                i++;
                continue;
            }
            if (space) { sb.Append(' '); space = false; }
            if (IsGuidAt(s, i))
            {
                sb.Append("<guid>");
                i += s[i] == '{' ? 38 : 36;
                continue;
            }
            if (!char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(c);
                i++;
                continue;
            }
            int end = i;
            while (end < s.Length && char.IsAsciiLetterOrDigit(s[end])) end++;
            AppendWord(sb, s.AsSpan(i, end - i));
            i = end;
        }
        if (sb.Length >= MaxLength) { sb.Length = MaxLength; sb.Append('…'); }
        return sb.ToString();
    }

    private static void AppendWord(StringBuilder sb, ReadOnlySpan<char> word)
    {
        if (word.Length > 2 && word.StartsWith("0x") && IsHex(word[2..])) { sb.Append("<hex>"); return; }
        if (word.Length >= 8 && IsHex(word) && word.ContainsAnyInRange('0', '9') && word.ContainsAnyInRange('a', 'f')) { sb.Append("<hex>"); return; }
        // Well-known words keep their digits so shapes of system paths and binaries stay readable.
        if (PlatformWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word)) { sb.Append(word); return; }
        for (int i = 0; i < word.Length;)
        {
            if (!char.IsAsciiDigit(word[i])) { sb.Append(word[i++]); continue; }
            int end = i;
            while (end < word.Length && char.IsAsciiDigit(word[end])) end++;
            // Digits inside a word (fs03vuln, w3wp) are part of a name; leading or trailing ones count something.
            bool inside = i > 0 && end < word.Length;
            if (inside) sb.Append(word[i..end]); else sb.Append("<num>");
            i = end;
        }
    }

    private static bool IsHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c)) return false;
        return s.Length > 0;
    }

    /// <summary>8-4-4-4-12 hex digits, optionally in braces.</summary>
    private static bool IsGuidAt(string s, int i)
    {
        int start = s[i] == '{' ? i + 1 : i;
        if (s.Length - start < 36) return false;
        if (start > 0 && start == i && char.IsAsciiLetterOrDigit(s[start - 1])) return false;
        for (int k = 0; k < 36; k++)
        {
            char c = s[start + k];
            bool dash = k is 8 or 13 or 18 or 23;
            if (dash ? c != '-' : !char.IsAsciiHexDigit(c)) return false;
        }
        if (start != i) return s.Length > start + 36 && s[start + 36] == '}';
        return s.Length == start + 36 || !char.IsAsciiLetterOrDigit(s[start + 36]);
    }

    /// <summary>Replaces everything up to a temp folder within the same path token with "&lt;tmp&gt;\".</summary>
    private static string ReplaceTempFolders(string s)
    {
        foreach (var folder in TempFolders)
        {
            int at;
            int from = 0;
            while ((at = s.IndexOf(folder, from, StringComparison.Ordinal)) >= 0)
            {
                int start = at;
                while (start > 0 && s[start - 1] is not (' ' or '"' or '\'' or '=' or ',' or ';' or '(')) start--;
                s = string.Concat(s.AsSpan(0, start), "<tmp>\\", s.AsSpan(at + folder.Length));
                from = start + 6;
            }
        }
        return s;
    }

    private static string ReplaceUserNames(string s)
    {
        const string marker = @"\users\";
        int from = 0, at;
        while ((at = s.IndexOf(marker, from, StringComparison.Ordinal)) >= 0)
        {
            int nameStart = at + marker.Length;
            int nameEnd = s.IndexOfAny(['\\', '"', ' '], nameStart);
            if (nameEnd < 0) nameEnd = s.Length;
            var name = s.AsSpan(nameStart, nameEnd - nameStart);
            // Shared profiles are telling (malware likes \Users\Public), so they keep their names.
            if (name.Length > 0 && !name.SequenceEqual("public") && !name.SequenceEqual("default") && !name.SequenceEqual("all users"))
                s = string.Concat(s.AsSpan(0, nameStart), "<user>", s.AsSpan(nameEnd));
            from = nameStart + 1;
        }
        return s;
    }
}
