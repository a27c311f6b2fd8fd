namespace Huntsman.Sigma.Detection;

/// <summary>
/// Text that most Windows events hold somewhere (system paths, the Microsoft publisher, SYSTEM): a literal inside one
/// of these is a poor prefilter whatever its length (<c>\Windows\</c> occurs in nearly every image path), so a
/// detection's other required literals are preferred. Only the choice of prefilter depends on this, never a match.
/// </summary>
internal static class CommonText
{
    private static readonly string[] Texts =
    [
        @"C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe", @"C:\Windows\SysWOW64\", @"C:\Windows\WinSxS\",
        @"C:\Windows\Microsoft.NET\Framework64\", @"C:\Program Files (x86)\Microsoft\", @"C:\Program Files\Common Files\",
        @"C:\ProgramData\Microsoft\Windows Defender\", @"C:\Users\Public\", @"\AppData\Local\Temp\", @"\AppData\Roaming\Microsoft\Windows\",
        @"C:\Windows\system32\svchost.exe -k netsvcs -p -s", @"C:\Windows\system32\cmd.exe /c", @"C:\Windows\explorer.exe", "Microsoft Corporation", "Microsoft® Windows® Operating System",
        @"NT AUTHORITY\SYSTEM", "Microsoft Windows", "Negotiate", "\"C:\\Program Files\\",
    ];

    private static readonly int LongestText = Texts.Max(t => t.Length);

    /// <summary>True when <paramref name="literal"/> occurs (ignoring case) in text most events hold.</summary>
    public static bool Contains(string literal)
    {
        if (literal.Length > LongestText) return false; // hash lists: thousands of literals, none inside these texts
        foreach (var text in Texts)
            if (text.Contains(literal, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
