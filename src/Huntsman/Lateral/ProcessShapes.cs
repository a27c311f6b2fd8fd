using Huntsman.Events.Taxonomy;

namespace Huntsman.Lateral;

/// <summary>
/// Process starts that matter for remote execution: clients on the source (PsExec, PAExec, sc \\host, net use,
/// wmic /node, schtasks /s) and tool-shaped processes on the target (service binaries, wmiexec/atexec/smbexec commands).
/// </summary>
internal static class ProcessShapes
{
    private static readonly string[] DefaultPsExecNames = ["psexec.exe", "psexec64.exe", "psexec64a.exe"];

    public static Observation? Classify(ProcessStart p)
    {
        var image = ImageName(p.Image);
        var parent = p.ParentImage is null ? "" : ImageName(p.ParentImage);
        var cmd = p.CommandLine;
        var desc = p.Event.GetPayload("Description");
        var product = p.Event.GetPayload("Product");
        var original = p.OriginalFileName ?? "";

        // PSEXESVC (or a renamed copy of it) started by services.exe.
        if (image.Equals("PSEXESVC.exe", StringComparison.OrdinalIgnoreCase) || original.Equals("psexesvc.exe", StringComparison.OrdinalIgnoreCase)
            || "PsExec Service".Equals(desc, StringComparison.OrdinalIgnoreCase))
        {
            bool renamed = !image.Equals("PSEXESVC.exe", StringComparison.OrdinalIgnoreCase);
            return Service(p, renamed ? Tools.PsExecRenamed : Tools.PsExec,
                renamed ? $"renamed PsExec service binary {p.Image} (OriginalFileName psexesvc.exe)" : $"PsExec service process {p.Image}");
        }
        if (IsPsExecClient(image, original, desc, product))
        {
            bool renamed = Array.IndexOf(DefaultPsExecNames, image.ToLowerInvariant()) < 0;
            return Client(p, renamed ? Tools.PsExecRenamed : Tools.PsExec, CommandLines.RemoteHostArgument(cmd),
                renamed ? $"PsExec client under another name: {p.Image}" : $"PsExec client {p.Image}");
        }
        if (image.Equals("paexec.exe", StringComparison.OrdinalIgnoreCase) || original.Equals("PAExec.exe", StringComparison.OrdinalIgnoreCase))
            return Client(p, Tools.PaExec, CommandLines.RemoteHostArgument(cmd), $"PAExec client {p.Image}");
        if (image.StartsWith("PAExec-", StringComparison.OrdinalIgnoreCase))
            return Service(p, Tools.PaExec, $"PAExec service process {p.Image}");
        if (image.Equals("RemComSvc.exe", StringComparison.OrdinalIgnoreCase))
            return Service(p, Tools.RemCom, $"RemCom service process {p.Image}");
        if (image.Equals("csexecsvc.exe", StringComparison.OrdinalIgnoreCase))
            return Service(p, Tools.CsExec, $"CSExec service process {p.Image}");
        if (image.Equals("remcom.exe", StringComparison.OrdinalIgnoreCase))
            return Client(p, Tools.RemCom, CommandLines.RemoteHostArgument(cmd), $"RemCom client {p.Image}");
        if (image.Equals("csexec.exe", StringComparison.OrdinalIgnoreCase))
            return Client(p, Tools.CsExec, CommandLines.RemoteHostArgument(cmd), $"CSExec client {p.Image}");

        if (ServiceParentTool(parent) is { } serviceTool)
            return Command(p, serviceTool, $"command started by the {parent} service");
        if (image.Equals("sc.exe", StringComparison.OrdinalIgnoreCase) && CommandLines.ContainsAny(cmd, " create ", " config ", " start "))
            return RemoteClient(p, Tools.RemoteService, CommandLines.RemoteHostArgument(cmd), "sc.exe manages a service on a remote host");
        if (image is "net.exe" or "NET.EXE" or "net1.exe" or "NET1.EXE" && CommandLines.ContainsAll(cmd, " use ") && AdminShareTarget(cmd) is { } share)
            return RemoteClient(p, Tools.AdminShareAccess, share, "net use maps an admin share of a remote host");
        if (image.Equals("wmic.exe", StringComparison.OrdinalIgnoreCase) && CommandLines.ContainsAll(cmd, "process", "call", "create"))
            return RemoteClient(p, Tools.RemoteWmi, CommandLines.SwitchValue(cmd, "/node"), "wmic creates a process on a remote host");
        if (image.Equals("schtasks.exe", StringComparison.OrdinalIgnoreCase) && CommandLines.ContainsAny(cmd, "/create", "/run"))
            return RemoteClient(p, Tools.RemoteTask, CommandLines.SwitchValue(cmd, " /s "), "schtasks targets a remote host");

        // Target-side command shapes.
        bool outputToLocalShare = CommandLines.ContainsAll(cmd, "/Q", "/c", @"\\127.0.0.1\", "2>&1");
        if (parent.Equals("WmiPrvSE.exe", StringComparison.OrdinalIgnoreCase)
            && (outputToLocalShare || CommandLines.ContainsAll(cmd, "-NoP -NoL -sta -NonI -W Hidden -Exec Bypass -Enc")))
            return Command(p, Tools.ImpacketWmiExec, "wmiexec-style command from WmiPrvSE.exe with output redirected to a local admin share");
        if (parent is "mmc.exe" or "explorer.exe" && outputToLocalShare)
            return Command(p, Tools.ImpacketDcomExec, $"dcomexec-style command from {parent} with output redirected to a local admin share");
        if (parent.Equals("svchost.exe", StringComparison.OrdinalIgnoreCase) && CommandLines.ContainsAll(cmd, "cmd.exe /C", @"\Temp\", ".tmp 2>&1"))
            return Command(p, Tools.ImpacketAtExec, "atexec-style scheduled-task command with output to %windir%\\Temp\\<task>.tmp");
        if (CommandLines.ContainsAll(cmd, "__output", ".bat") || CommandLines.ContainsAll(p.ParentCommandLine, "__output", ".bat"))
            return Command(p, Tools.ImpacketSmbExec, "smbexec-style service command (.bat with output to __output)");
        if (CommandLines.ContainsAll(cmd, "/b /c start /b /min powershell", "-nop", "-w hidden"))
            return Command(p, Tools.MetasploitPsExec, "Metasploit psexec PowerShell payload command");

        if (StartedAsService(p, parent))
        {
            if (IsInWindowsRoot(p.Image) && RandomNames.LooksRandom(WithoutExtension(image), 8))
                return Service(p, null, $"random-named binary {p.Image} run as SYSTEM from the Windows directory");
            if (parent.Equals("services.exe", StringComparison.OrdinalIgnoreCase) && IsShell(image) && !ServiceShapes.IsPipeImpersonation(cmd))
                return Service(p, Tools.RemoteService, $"{image} started directly by services.exe (a command run as a service)");
        }
        return null;
    }

    private static string? ServiceParentTool(string parent)
    {
        if (parent.Equals("PSEXESVC.exe", StringComparison.OrdinalIgnoreCase)) return Tools.PsExec;
        if (parent.Equals("RemComSvc.exe", StringComparison.OrdinalIgnoreCase)) return Tools.RemCom;
        if (parent.Equals("csexecsvc.exe", StringComparison.OrdinalIgnoreCase)) return Tools.CsExec;
        if (parent.StartsWith("PAExec-", StringComparison.OrdinalIgnoreCase)) return Tools.PaExec;
        return null;
    }

    private static bool IsPsExecClient(string image, string original, string? desc, string? product) =>
        original.Equals("psexec.c", StringComparison.OrdinalIgnoreCase) || original.Equals("psexec.exe", StringComparison.OrdinalIgnoreCase)
        || "Execute processes remotely".Equals(desc, StringComparison.OrdinalIgnoreCase)
        || "Sysinternals PsExec".Equals(product, StringComparison.OrdinalIgnoreCase)
        || image.StartsWith("psexec", StringComparison.OrdinalIgnoreCase) && image.EndsWith(".exe", StringComparison.OrdinalIgnoreCase)
           && !image.StartsWith("psexesvc", StringComparison.OrdinalIgnoreCase);

    private static bool StartedAsService(ProcessStart p, string parent) =>
        parent.Equals("services.exe", StringComparison.OrdinalIgnoreCase)
        || (parent.Length == 0 || parent == "?") && IsSystem(p);

    private static bool IsSystem(ProcessStart p) =>
        p.LogonId is { } l && ProcessStart.TryParseId(l, out var id) && id == 0x3e7
        || p.User is { } u && u.EndsWith("SYSTEM", StringComparison.OrdinalIgnoreCase);

    private static bool IsInWindowsRoot(string image)
    {
        int slash = image.LastIndexOf('\\');
        if (slash < 0) return false;
        var dir = image[..slash];
        return dir.Equals(@"%SystemRoot%", StringComparison.OrdinalIgnoreCase) || dir.EndsWith(@":\Windows", StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsShell(string image) =>
        image.ToLowerInvariant() is "cmd.exe" or "powershell.exe" or "pwsh.exe" or "rundll32.exe" or "mshta.exe" or "wscript.exe" or "cscript.exe" or "regsvr32.exe";

    /// <summary>"net use X: \\host\C$": the host, when the share is an admin share (ends with $).</summary>
    private static string? AdminShareTarget(string? cmd)
    {
        var host = CommandLines.RemoteHostArgument(cmd);
        if (host is null || cmd is null) return null;
        int at = cmd.IndexOf(@"\\" + host + @"\", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        int start = at + host.Length + 3, end = start;
        while (end < cmd.Length && cmd[end] is not (' ' or '"' or '\\')) end++;
        return end > start && cmd[end - 1] == '$' ? host : null;
    }

    private static string WithoutExtension(string name) => name.LastIndexOf('.') is var dot && dot > 0 ? name[..dot] : name;

    private static string ImageName(string path)
    {
        int i = path.LastIndexOfAny(['\\', '/']);
        return i < 0 ? path : path[(i + 1)..];
    }

    private static Observation Base(ObservationKind kind, ProcessStart p, string? tool, string reason) => new(kind, p.Event,
        $"{p.Event.EventId} process {p.Image}{(p.CommandLine is { } c ? $" `{Trim(c)}`" : "")}{(p.User is { } u ? $" as {u}" : "")} pid {p.ProcessId}")
    {
        Tool = tool, Reason = reason, Account = p.User, ProcessId = p.ProcessId,
        LogonId = ProcessStart.TryParseId(p.LogonId, out var l) ? l : null,
    };

    private static Observation Service(ProcessStart p, string? tool, string reason)
    {
        var o = Base(ObservationKind.ServiceProcess, p, tool, reason);
        o.Anchor = true;
        o.ServiceImage = p.Image;
        return o;
    }

    private static Observation Command(ProcessStart p, string tool, string reason)
    {
        var o = Base(ObservationKind.RemoteCommand, p, tool, reason);
        o.Anchor = true;
        return o;
    }

    /// <summary>A client naming no remote host (or this host) is a local run: it anchors on its own host.</summary>
    private static Observation Client(ProcessStart p, string tool, string? target, string reason)
    {
        var o = Base(ObservationKind.ClientLaunch, p, tool, reason);
        o.Anchor = true;
        o.SourceHost = p.Host;
        o.SourcePid = p.ProcessId;
        if (target is null || HostNames.IsSelfName(target) || HostNames.Same(target, p.Host)) o.Local = true;
        else o.TargetHost = target;
        return o;
    }

    private static Observation? RemoteClient(ProcessStart p, string tool, string? target, string reason)
    {
        if (target is null || HostNames.IsSelfName(target) || HostNames.Same(target, p.Host)) return null;
        return Client(p, tool, target, reason);
    }

    public static string Trim(string s) => s.Length <= 160 ? s : s[..157] + "...";
}
