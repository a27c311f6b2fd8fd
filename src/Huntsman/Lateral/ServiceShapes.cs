using System.Text.RegularExpressions;

namespace Huntsman.Lateral;

/// <summary>Recognises the remote-execution tools by the service they install (7045 display name / 4697 key name, image path).</summary>
internal static partial class ServiceShapes
{
    [GeneratedRegex(@"^""?%systemroot%\\[A-Za-z]{8}\.exe""?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RandomBinaryInSystemRoot();

    [GeneratedRegex(@"^""?(%systemroot%|[a-z]:\\windows)\\[^\\]+\.exe""?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BinaryInSystemRoot();

    private static readonly string[] SuspiciousImageParts =
    [
        "%comspec%", "cmd.exe /c", "cmd /c", "powershell", "pwsh", "rundll32", "mshta", "regsvr32", @"\\127.0.0.1\", "admin$",
        "-nop ", " -enc", " -w hidden", ".bat & del ",
    ];

    /// <summary>Getsystem's named-pipe impersonation ("cmd.exe /c echo x &gt; \\.\pipe\x"): a local privilege trick, not remote execution.</summary>
    public static bool IsPipeImpersonation(string? image) =>
        image is not null && image.Contains(@"\\.\pipe\", StringComparison.OrdinalIgnoreCase) && image.Contains("echo", StringComparison.OrdinalIgnoreCase);

    /// <summary>The tool a service points to, and whether that alone is enough to open a finding.</summary>
    public static (string? Tool, bool Anchor, string? Reason) Classify(string? name, string? image)
    {
        name ??= "";
        image ??= "";
        var file = ImageFileName(image);
        if (name.Equals("PSEXESVC", StringComparison.OrdinalIgnoreCase) || file.Equals("PSEXESVC.exe", StringComparison.OrdinalIgnoreCase))
            return (Tools.PsExec, true, "PsExec service PSEXESVC installed");
        if (name.StartsWith("PAExec", StringComparison.OrdinalIgnoreCase) || image.Contains(@"\PAExec", StringComparison.OrdinalIgnoreCase))
            return (Tools.PaExec, true, $"PAExec service {name} installed");
        if (name.Equals("RemComSvc", StringComparison.OrdinalIgnoreCase) || name.Equals("RemCom Service", StringComparison.OrdinalIgnoreCase)
            || file.Equals("RemComSvc.exe", StringComparison.OrdinalIgnoreCase))
            return (Tools.RemCom, true, $"RemCom service {name} installed");
        if (name.Equals("csexecsvc", StringComparison.OrdinalIgnoreCase) || name.Equals("CSExec Service", StringComparison.OrdinalIgnoreCase)
            || file.Equals("csexecsvc.exe", StringComparison.OrdinalIgnoreCase))
            return (Tools.CsExec, true, $"CSExec service {name} installed");
        if (name.Equals("BTOBTO", StringComparison.Ordinal) || image.Contains("__output", StringComparison.OrdinalIgnoreCase)
            || image.Contains(".bat & del ", StringComparison.OrdinalIgnoreCase))
            return (Tools.ImpacketSmbExec, true, $"smbexec-style service {name}: command echoed into a .bat with output to __output");
        if (image.Contains("/b /c start /b /min powershell", StringComparison.OrdinalIgnoreCase))
            return (Tools.MetasploitPsExec, true, $"Metasploit psexec PowerShell payload service {name}");
        if (RandomBinaryInSystemRoot().IsMatch(image))
        {
            if (RandomNames.LooksRandom(name, 16) || RandomNames.LooksRandom(name, 8))
                return (Tools.MetasploitPsExec, true, $"Metasploit psexec service: random name {name}, random binary {image}");
            if (RandomNames.IsLetters(name, 4))
                return (Tools.ImpacketPsExec, true, $"Impacket psexec service: 4-letter name {name}, random binary {image}");
            return (Tools.RemoteService, true, $"service {name} runs a random-named binary {image}");
        }
        foreach (var part in SuspiciousImageParts)
            if (image.Contains(part, StringComparison.OrdinalIgnoreCase))
                return (Tools.RemoteService, true, $"service {name} runs a command line ({part.Trim()})");
        if (BinaryInSystemRoot().IsMatch(image))
            return (Tools.RemoteService, false, $"service {name} runs a binary from the Windows directory root");
        return (null, false, null);
    }

    /// <summary>The executable's file name of a service image path (quotes and arguments dropped).</summary>
    public static string ImageFileName(string image)
    {
        var s = image.Trim();
        if (s.StartsWith('"'))
        {
            int close = s.IndexOf('"', 1);
            s = close > 0 ? s[1..close] : s[1..];
        }
        else
        {
            int exe = s.IndexOf(".exe", StringComparison.OrdinalIgnoreCase);
            if (exe > 0) s = s[..(exe + 4)];
        }
        int slash = s.LastIndexOfAny(['\\', '/']);
        return slash < 0 ? s : s[(slash + 1)..];
    }

    /// <summary>Expands %SystemRoot%/%windir% so a service image can be compared with a process image.</summary>
    public static string ExpandImage(string image)
    {
        var s = image.Trim().Trim('"');
        foreach (var v in new[] { "%systemroot%", "%windir%", @"\SystemRoot" })
            if (s.StartsWith(v, StringComparison.OrdinalIgnoreCase)) return @"C:\Windows" + s[v.Length..];
        if (!s.Contains('\\')) return @"C:\Windows\System32\" + s;
        return s;
    }
}
