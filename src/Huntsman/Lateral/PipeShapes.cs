using System.Text.RegularExpressions;

namespace Huntsman.Lateral;

/// <summary>Recognises tools by named pipe (5145 IPC$ RelativeTargetName without, Sysmon 17/18 PipeName with a leading backslash).</summary>
internal static partial class PipeShapes
{
    [GeneratedRegex(@"^RemCom_std(in|out|err)[A-Za-z]{4}\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex ImpacketStdio();

    [GeneratedRegex(@"^PAExec(In|Out|Err)(?<host>.+?)(?<pid>\d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PaExecStdio();

    /// <summary>Pipes every Windows network uses (Sigma's "known pipes"); they never point to a tool.</summary>
    private static readonly HashSet<string> Ordinary = new(StringComparer.OrdinalIgnoreCase)
    {
        "srvsvc", "wkssvc", "lsarpc", "lsass", "samr", "netlogon", "winreg", "spoolss", "eventlog", "MsFteWds", "epmapper",
        "ntsvcs", "browser", "protected_storage", "scerpc", "W32TIME_ALT", "InitShutdown", "TermSrv_API_service", "Ctx_WinStation_API_service",
        "tapsrv", "efsrpc", "DAV RPC SERVICE", "PIPE_EVENTROOT\\CIMV2SCM EVENT PROVIDER", "sql\\query", "iisadmin", "ROUTER",
        "ShortcutNotifier", "SearchTextHarvester", "trkwks", "dnsserver", "msfte", "atctl", "ipsec", "cert", "keysvc",
    };

    public static string Normalize(string pipe) => pipe.TrimStart('\\');

    public static bool IsOrdinary(string pipe) => Ordinary.Contains(Normalize(pipe));

    /// <summary>The tool a pipe name points to (null = no tool by itself), with the source host/PID it embeds.</summary>
    public static (string? Tool, bool Anchor, string? Reason, string? SourceHost, long? SourcePid) Classify(string pipe)
    {
        var p = Normalize(pipe);
        if (p.Equals("svcctl", StringComparison.OrdinalIgnoreCase))
            return (Tools.RemoteService, true, "remote Service Control Manager pipe svcctl opened", null, null);
        if (p.Equals("atsvc", StringComparison.OrdinalIgnoreCase))
            return (Tools.RemoteTask, true, "remote Task Scheduler pipe atsvc opened", null, null);
        if (p.Equals("PSEXESVC", StringComparison.OrdinalIgnoreCase))
            return (Tools.PsExec, true, "PsExec control pipe PSEXESVC", null, null);
        if (StdioPipe.TryParse(p, out var stdio))
        {
            var (svc, host) = stdio.Split(["PSEXESVC"]);
            bool renamed = !svc.Equals("PSEXESVC", StringComparison.OrdinalIgnoreCase);
            return (renamed ? Tools.PsExecRenamed : Tools.PsExec, true,
                renamed ? $"PsExec stdio pipe {p} with a renamed service prefix" : $"PsExec stdio pipe {p}", host.Length > 0 ? host : null, stdio.Pid);
        }
        if (ImpacketStdio().IsMatch(p))
            return (Tools.ImpacketPsExec, true, $"Impacket psexec stdio pipe {p} (RemCom_std + 4 random letters + client PID)", null, null);
        if (p.StartsWith("RemCom_", StringComparison.OrdinalIgnoreCase))
            return (Tools.RemCom, true, $"RemCom pipe {p}", null, null);
        if (PaExecStdio().Match(p) is { Success: true } m)
            return (Tools.PaExec, true, $"PAExec stdio pipe {p}", m.Groups["host"].Value, long.Parse(m.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture));
        if (p.StartsWith("PAExec", StringComparison.OrdinalIgnoreCase))
            return (Tools.PaExec, true, $"PAExec pipe {p}", null, null);
        if (p.StartsWith("csexecsvc", StringComparison.OrdinalIgnoreCase))
            return (Tools.CsExec, true, $"CSExec pipe {p}", null, null);
        return (null, false, null, null, null);
    }
}
