using System.Globalization;
using System.Text;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Lateral;

/// <summary>
/// Reduces one event to an <see cref="Observation"/> when it can take part in remote execution, using the raw
/// Windows field names of psexec.md §1.12. Hex fields are compared as numbers, %%NNNN tokens are accepted raw.
/// </summary>
internal static class EventClassifier
{
    private static readonly string[] ExecutableExtensions = [".exe", ".dll", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".hta", ".scr", ".com", ".sys", ".msi"];

    public static Observation? Classify(WinEvent e)
    {
        if (Channels.IsSecurity(e))
            return e.EventId switch
            {
                4624 => NetworkLogon(e),
                4672 => PrivilegedLogon(e),
                4648 => ExplicitCredentials(e),
                5140 or 5145 => ShareAccess(e),
                4697 => ServiceInstall(e, e.GetPayload("ServiceName"), e.GetPayload("ServiceFileName"), "4697"),
                4698 => Task(e, ObservationKind.TaskCreated),
                4699 => Task(e, ObservationKind.TaskDeleted),
                4688 => Process(e),
                _ => null,
            };
        if (Channels.IsSystem(e))
            return e.EventId switch
            {
                7045 => ServiceInstall(e, e.GetPayload("ServiceName"), e.GetPayload("ImagePath"), "7045"),
                7036 => ServiceState(e),
                7009 => ServiceTimeout(e),
                _ => null,
            };
        if (Channels.IsSysmon(e))
            return e.EventId switch
            {
                1 => Process(e),
                3 => SmbConnection(e),
                11 => FileCreated(e),
                13 => RegistryValue(e),
                17 or 18 => Pipe(e),
                _ => null,
            };
        if (Channels.IsDefender(e) && e.EventId == 1) return Process(e);
        return null;
    }

    private static Observation? Process(WinEvent e) => ProcessStart.TryFrom(e, out var p) ? ProcessShapes.Classify(p) : null;

    private static Observation? NetworkLogon(WinEvent e)
    {
        if (e.GetPayload("LogonType")?.Trim() != "3") return null;
        var user = e.GetPayload("TargetUserName");
        if (string.IsNullOrEmpty(user) || user.Equals("ANONYMOUS LOGON", StringComparison.OrdinalIgnoreCase)) return null;
        var ip = HostNames.Address(e.GetPayload("IpAddress"));
        var account = Account(e.GetPayload("TargetDomainName"), user);
        var auth = e.GetPayload("AuthenticationPackageName")?.Trim();
        var ws = e.GetPayload("WorkstationName")?.Trim();
        return new Observation(ObservationKind.NetworkLogon, e,
            $"4624 network logon (type 3) {account}{(ip is null ? "" : $" from {ip}:{e.GetPayload("IpPort")}")}{(auth is null ? "" : $" ({auth})")}")
        {
            Account = account, AccountSid = e.GetPayload("TargetUserSid"), LogonId = Hex(e.GetPayload("TargetLogonId")), LogonType = "3",
            AuthPackage = auth, Workstation = ws is null or "-" or "" ? null : ws, RemoteIp = ip, RemotePort = Int(e.GetPayload("IpPort")),
        };
    }

    private static Observation? PrivilegedLogon(WinEvent e)
    {
        // SYSTEM and service accounts get special privileges at every boot; only user logons matter here.
        var sid = e.GetPayload("SubjectUserSid");
        if (sid is null || !sid.StartsWith("S-1-5-21-", StringComparison.Ordinal)) return null;
        var account = Account(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"));
        return new Observation(ObservationKind.PrivilegedLogon, e, $"4672 admin privileges for {account}")
        { Account = account, AccountSid = sid, LogonId = Hex(e.GetPayload("SubjectLogonId")) };
    }

    private static Observation? ExplicitCredentials(WinEvent e)
    {
        var server = e.GetPayload("TargetServerName")?.Trim();
        if (string.IsNullOrEmpty(server) || server == "-" || HostNames.IsSelfName(server) || HostNames.Same(server, e.Computer)) return null;
        var account = Account(e.GetPayload("TargetDomainName"), e.GetPayload("TargetUserName"));
        var info = e.GetPayload("TargetInfo");
        return new Observation(ObservationKind.ExplicitCredentials, e, $"4648 explicit credentials {account} for {server} ({info})")
        {
            Account = account, TargetHost = server, ProcessId = Hex(e.GetPayload("ProcessId")), LogonId = Hex(e.GetPayload("SubjectLogonId")),
            Reason = $"explicit credentials {account} used for {info ?? server}",
        };
    }

    private static Observation? ShareAccess(WinEvent e)
    {
        var share = e.GetPayload("ShareName") ?? "";
        var shareShort = share.StartsWith(@"\\", StringComparison.Ordinal) && share.IndexOf('\\', 2) is var s && s > 0 ? share[(s + 1)..] : share;
        bool ipc = shareShort.Equals("IPC$", StringComparison.OrdinalIgnoreCase);
        bool adminShare = !ipc && shareShort.EndsWith('$');
        var target = e.EventId == 5145 ? e.GetPayload("RelativeTargetName")?.Trim() : null;
        var ip = HostNames.Address(e.GetPayload("IpAddress"));
        var user = e.GetPayload("SubjectUserName");
        var account = Account(e.GetPayload("SubjectDomainName"), user);
        bool machine = user?.EndsWith('$') == true;
        long mask = Hex(e.GetPayload("AccessMask")) ?? 0;
        var list = e.GetPayload("AccessList") ?? "";
        bool write = (mask & 0x6) != 0 || list.Contains("%%4417", StringComparison.Ordinal) || list.Contains("WriteData", StringComparison.OrdinalIgnoreCase);
        string where = $"{share}{(string.IsNullOrEmpty(target) ? "" : $" {target}")}";
        string who = $"{account}{(ip is null ? "" : $" from {ip}:{e.GetPayload("IpPort")}")}";

        Observation Make(ObservationKind kind, string verb) => new(kind, e, $"{e.EventId} {verb} {where} by {who} (0x{mask:x})")
        {
            RemoteIp = ip, RemotePort = Int(e.GetPayload("IpPort")), Account = account, AccountSid = e.GetPayload("SubjectUserSid"),
            LogonId = Hex(e.GetPayload("SubjectLogonId")), FileName = target,
        };

        if (ipc && !string.IsNullOrEmpty(target))
        {
            if (PipeShapes.IsOrdinary(target)) return null;
            var (tool, anchor, reason, host, pid) = PipeShapes.Classify(target);
            var o = Make(ObservationKind.Pipe, "pipe");
            o.Pipe = PipeShapes.Normalize(target);
            o.Tool = tool;
            o.Anchor = anchor && !machine;
            o.Reason = reason;
            o.SourceHost = host;
            o.SourcePid = pid;
            return o;
        }
        if (!adminShare) return null;
        if (write && !string.IsNullOrEmpty(target) && HasExecutableExtension(target))
        {
            var (tool, _, _) = ServiceShapes.Classify(Path.GetFileNameWithoutExtension(target), target);
            var o = Make(ObservationKind.ShareWrite, "write");
            o.Tool = tool is Tools.PsExec or Tools.PaExec or Tools.RemCom or Tools.CsExec ? tool : Tools.AdminShareAccess;
            // Machine accounts (SCCM push, DFS) and the host writing to itself are not someone moving in.
            o.Anchor = !machine && !HostNames.IsLoopback(ip);
            o.Reason = $"executable {target} written to {shareShort} over SMB";
            return o;
        }
        if (write && !string.IsNullOrEmpty(target) && Path.GetFileName(target).StartsWith("__", StringComparison.Ordinal))
        {
            var o = Make(ObservationKind.ShareWrite, "write");
            o.Reason = $"command output file {target} on {shareShort} (Impacket-style __ name)";
            return o;
        }
        return Make(ObservationKind.ShareAccess, write ? "write" : "access");
    }

    private static Observation? ServiceInstall(WinEvent e, string? name, string? image, string source)
    {
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(image)) return null;
        if (ServiceShapes.IsPipeImpersonation(image)) return null;
        var (tool, anchor, reason) = ServiceShapes.Classify(name, image);
        bool security = source == "4697";
        var account = security ? Account(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName")) : null;
        return new Observation(ObservationKind.ServiceInstall, e, $"{source} service installed {name}: {ProcessShapes.Trim(image ?? "")}")
        {
            ServiceName = name, ServiceImage = image, Tool = tool, Anchor = anchor, Reason = reason, Account = account,
            AccountSid = security ? e.GetPayload("SubjectUserSid") : e.UserId,
            LogonId = security ? Hex(e.GetPayload("SubjectLogonId")) : null,
        };
    }

    private static Observation? ServiceState(WinEvent e)
    {
        var name = e.GetPayload("param1");
        if (string.IsNullOrEmpty(name)) return null;
        var key = DecodeServiceBinary(e.GetPayload("Binary"));
        return new Observation(ObservationKind.ServiceState, e, $"7036 service {name} {e.GetPayload("param2")}{(key is null ? "" : $" ({key})")}")
        { ServiceName = name };
    }

    private static Observation? ServiceTimeout(WinEvent e)
    {
        var name = e.GetPayload("param2");
        if (string.IsNullOrEmpty(name)) return null;
        var key = DecodeServiceBinary(e.GetPayload("Binary"));
        bool random = RandomNames.LooksRandom(name, 16);
        return new Observation(ObservationKind.ServiceTimeout, e, $"7009 service {name} did not start in time{(key is null ? "" : $" (key {key})")}")
        {
            ServiceName = name, Tool = random ? Tools.MetasploitPsExec : null, Anchor = random,
            Reason = random ? $"service with a random 16-letter name {name} timed out (Metasploit psexec payload service)" : null,
        };
    }

    private static Observation? Task(WinEvent e, ObservationKind kind)
    {
        var name = e.GetPayload("TaskName");
        if (string.IsNullOrEmpty(name)) return null;
        var command = TaskCommand(e.GetPayload("TaskContent"));
        var account = Account(e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"));
        bool atexec = CommandLines.ContainsAll(command, "cmd.exe /C", @"\Temp\", ".tmp 2>&1");
        return new Observation(kind, e, $"{e.EventId} task {(kind == ObservationKind.TaskCreated ? "created" : "deleted")} {name}{(command is null ? "" : $": {ProcessShapes.Trim(command)}")} by {account}")
        {
            ServiceName = name, ServiceImage = command, Account = account, AccountSid = e.GetPayload("SubjectUserSid"),
            LogonId = Hex(e.GetPayload("SubjectLogonId")), Tool = atexec ? Tools.ImpacketAtExec : null, Anchor = atexec,
            Reason = atexec ? $"task {name} runs a command with output to %windir%\\Temp (atexec)" : null,
        };
    }

    private static Observation? SmbConnection(WinEvent e)
    {
        int? sport = Int(e.GetPayload("SourcePort")), dport = Int(e.GetPayload("DestinationPort"));
        if (sport != 445 && dport != 445) return null;
        bool initiated = "true".Equals(e.GetPayload("Initiated"), StringComparison.OrdinalIgnoreCase);
        var src = HostNames.Address(e.GetPayload("SourceIp"));
        var dst = HostNames.Address(e.GetPayload("DestinationIp"));
        // Inbound SMB is logged in both orientations (psexec.md §0.2-10): the remote end is the side that is not port 445.
        var o = new Observation(ObservationKind.SmbConnection, e,
            $"3 SMB {(initiated ? "outbound" : "inbound")} {src}:{sport} -> {dst}:{dport} ({e.GetPayload("Image")})")
        { ProcessId = Hex(e.GetPayload("ProcessId")) };
        if (initiated && dport == 445)
        {
            o.TargetHost = NonEmpty(e.GetPayload("DestinationHostname")) ?? dst;
            o.LocalPort = sport;
            o.RemoteIp = dst;
        }
        else
        {
            bool remoteIsSource = dport == 445;
            o.RemoteIp = remoteIsSource ? src : dst;
            o.RemotePort = remoteIsSource ? sport : dport;
            o.SourceHost = NonEmpty(e.GetPayload(remoteIsSource ? "SourceHostname" : "DestinationHostname"));
            if (HostNames.IsLoopback(o.RemoteIp) || src == dst) return null;
        }
        return o;
    }

    private static Observation? FileCreated(WinEvent e)
    {
        var file = e.GetPayload("TargetFilename");
        if (string.IsNullOrEmpty(file)) return null;
        var image = e.GetPayload("Image") ?? "";
        var name = Path.GetFileName(file.Replace('/', '\\').Split('\\')[^1]);
        bool bySmb = image.Equals("System", StringComparison.OrdinalIgnoreCase) || e.GetPayload("ProcessId") == "4";
        var o = new Observation(ObservationKind.FileDrop, e, $"11 file {file} written by {image}") { FileName = file};
        // Newer PsExec writes C:\Windows\PSEXEC-<SOURCEHOST>-<hex>.key on the target.
        if (name.StartsWith("PSEXEC-", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".key", StringComparison.OrdinalIgnoreCase))
        {
            var middle = name[7..^4];
            int dash = middle.LastIndexOf('-');
            o.SourceHost = dash > 0 ? middle[..dash] : null;
            o.Tool = Tools.PsExec;
            o.Anchor = true;
            o.Reason = $"PsExec key file {name} names the source host";
            return o;
        }
        if (!HasExecutableExtension(name)) return null;
        var (tool, _, _) = ServiceShapes.Classify(Path.GetFileNameWithoutExtension(name), file);
        if (tool is Tools.PsExec or Tools.PaExec or Tools.RemCom or Tools.CsExec)
        {
            o.Tool = tool;
            o.Reason = $"service binary {file} written by {image}";
            o.Local = !bySmb && ProcessShapesImageIsClient(image);
            return o;
        }
        if (!bySmb) return null;
        o.Reason = $"executable {file} written over SMB (by System)";
        o.Tool = Tools.AdminShareAccess;
        return o;
    }

    private static bool ProcessShapesImageIsClient(string image) =>
        Path.GetFileName(image.Replace('/', '\\').Split('\\')[^1]) is var n && !n.Equals("System", StringComparison.OrdinalIgnoreCase)
        && !n.Equals("services.exe", StringComparison.OrdinalIgnoreCase);

    private static Observation? RegistryValue(WinEvent e)
    {
        var target = e.GetPayload("TargetObject");
        if (string.IsNullOrEmpty(target)) return null;
        var image = e.GetPayload("Image") ?? "";
        if (target.EndsWith(@"\Sysinternals\PsExec\EulaAccepted", StringComparison.OrdinalIgnoreCase))
            return new Observation(ObservationKind.EulaAccepted, e, $"13 PsExec EulaAccepted set by {image}")
            {
                ProcessId = Hex(e.GetPayload("ProcessId")), Tool = Tools.PsExec,
                Reason = $"PsExec EULA accepted by {image}",
            };
        const string services = @"\CurrentControlSet\Services\";
        int at = target.IndexOf(services, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || !target.EndsWith(@"\ImagePath", StringComparison.OrdinalIgnoreCase)) return null;
        var name = target[(at + services.Length)..^@"\ImagePath".Length];
        if (name.Contains('\\')) return null;
        var details = e.GetPayload("Details")?.Replace("%%", "%", StringComparison.Ordinal);
        var o = ServiceInstall(e, name, details, "13");
        return o;
    }

    private static Observation? Pipe(WinEvent e)
    {
        var pipe = e.GetPayload("PipeName");
        if (string.IsNullOrEmpty(pipe) || PipeShapes.IsOrdinary(pipe)) return null;
        var (tool, anchor, reason, host, pid) = PipeShapes.Classify(pipe);
        if (tool is null or Tools.RemoteService or Tools.RemoteTask) return null;
        var image = e.GetPayload("Image") ?? "";
        bool connect = e.EventId == 18;
        var imageName = Path.GetFileName(image.Replace('/', '\\').Split('\\')[^1]);
        // On a remote run the client's end arrives through SMB (Image System); a local run shows the client itself.
        bool clientHere = connect && !imageName.Equals("System", StringComparison.OrdinalIgnoreCase) && ProcessShapesImageIsClient(image)
                          && !imageName.Equals(PipeShapes.Normalize(pipe).Split('-')[0] + ".exe", StringComparison.OrdinalIgnoreCase);
        return new Observation(ObservationKind.Pipe, e, $"{e.EventId} pipe {(connect ? "connected" : "created")} {pipe} by {image}")
        {
            Pipe = PipeShapes.Normalize(pipe), Tool = tool, Anchor = anchor, Reason = reason, SourceHost = host, SourcePid = pid,
            ProcessId = Hex(e.GetPayload("ProcessId")), Local = clientHere,
        };
    }

    /// <summary>The 7036/7009 &lt;Binary&gt; holds "keyname/state" in UTF-16LE (base64 in JSON exports, hex in some XML).</summary>
    internal static string? DecodeServiceBinary(string? binary)
    {
        if (string.IsNullOrWhiteSpace(binary)) return null;
        byte[]? bytes = null;
        var b = binary.Trim();
        if (b.Length % 2 == 0 && b.All(char.IsAsciiHexDigit))
            bytes = Convert.FromHexString(b);
        else
        {
            var buffer = new byte[b.Length];
            if (Convert.TryFromBase64String(b, buffer, out int n)) bytes = buffer[..n];
        }
        if (bytes is null || bytes.Length < 2) return null;
        var text = Encoding.Unicode.GetString(bytes, 0, bytes.Length & ~1).TrimEnd('\0');
        return text.Length == 0 || text.Any(char.IsControl) ? null : text;
    }

    private static string? TaskCommand(string? xml)
    {
        if (string.IsNullOrEmpty(xml)) return null;
        string? Between(string open, string close)
        {
            int a = xml.IndexOf(open, StringComparison.OrdinalIgnoreCase);
            if (a < 0) return null;
            a += open.Length;
            int z = xml.IndexOf(close, a, StringComparison.OrdinalIgnoreCase);
            return z < 0 ? null : System.Net.WebUtility.HtmlDecode(xml[a..z].Trim());
        }
        var cmd = Between("<Command>", "</Command>");
        var args = Between("<Arguments>", "</Arguments>");
        return cmd is null ? null : args is null ? cmd : $"{cmd} {args}";
    }

    private static bool HasExecutableExtension(string name)
    {
        foreach (var ext in ExecutableExtensions)
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    internal static string? Account(string? domain, string? user)
    {
        if (string.IsNullOrEmpty(user) || user == "-") return null;
        return string.IsNullOrEmpty(domain) || domain == "-" ? user : $"{domain}\\{user}";
    }

    internal static long? Hex(string? text) => ProcessStart.TryParseId(text, out var v) ? v : null;

    private static int? Int(string? text) => int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static string? NonEmpty(string? s) => string.IsNullOrWhiteSpace(s) || s == "-" ? null : s.Trim();
}
