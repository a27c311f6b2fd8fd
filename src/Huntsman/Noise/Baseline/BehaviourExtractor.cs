using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Turns an event into the behaviours a baseline counts (none for most events). Process starts come
/// through the <see cref="ProcessStart"/> view (Sysmon 1, Security 4688, Defender); the others read
/// their raw fields.
/// </summary>
public static class BehaviourExtractor
{
    public static void Extract(WinEvent e, List<Behaviour> into)
    {
        if (ProcessStart.TryFrom(e, out var p))
        {
            var parent = Shapes.FileName(p.ParentImage);
            var child = Shapes.FileName(p.Image);
            into.Add(new Behaviour(BehaviourKind.ProcessPair, $"{parent}>{child}",
                $"{Shapes.DisplayName(p.ParentImage)} started {Shapes.DisplayName(p.Image)}"));
            if (!string.IsNullOrWhiteSpace(p.CommandLine))
            {
                var shape = Shapes.Of(p.CommandLine);
                into.Add(new Behaviour(BehaviourKind.CommandShape, $"{child}: {shape}", $"{Shapes.DisplayName(p.Image)} ran with command line shape '{shape}'"));
            }
            return;
        }
        switch (e.EventId)
        {
            case 7045 when Channels.IsSystem(e):
                AddService(e.GetPayload("ServiceName"), e.GetPayload("ImagePath"), into);
                return;
            case 4697 when Channels.IsSecurity(e):
                AddService(e.GetPayload("ServiceName"), e.GetPayload("ServiceFileName"), into);
                return;
            case 4624 when Channels.IsSecurity(e):
                AddLogon(e, into);
                return;
            case 3 when Channels.IsSysmon(e) || Channels.IsDefender(e):
            {
                var image = e.GetPayload("Image");
                var port = e.GetPayload("DestinationPort") ?? "?";
                into.Add(new Behaviour(BehaviourKind.Network, $"{Shapes.FileName(image)}>{port.Trim()}",
                    $"{Shapes.DisplayName(image)} connected to port {port.Trim()}"));
                return;
            }
            case 17 when Channels.IsSysmon(e):
            {
                var pipe = e.GetPayload("PipeName");
                if (string.IsNullOrWhiteSpace(pipe)) return;
                var shape = Shapes.Of(pipe);
                into.Add(new Behaviour(BehaviourKind.Pipe, shape, $"{Shapes.DisplayName(e.GetPayload("Image"))} created pipe {pipe} (shape '{shape}')"));
                return;
            }
        }
    }

    private static void AddService(string? name, string? image, List<Behaviour> into)
    {
        if (string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(image)) return;
        var nameShape = Shapes.Of(name);
        var imageShape = Shapes.Of(image);
        into.Add(new Behaviour(BehaviourKind.Service, $"{nameShape} | {imageShape}", $"service '{name}' installed with image '{image}'"));
    }

    private static void AddLogon(WinEvent e, List<Behaviour> into)
    {
        var source = Source(e.GetPayload("WorkstationName"), e.GetPayload("IpAddress"));
        var user = e.GetPayload("TargetUserName");
        if (string.IsNullOrEmpty(user)) return;
        var domain = e.GetPayload("TargetDomainName");
        var account = string.IsNullOrEmpty(domain) || domain == "-" ? user : $"{domain}\\{user}";
        var type = e.GetPayload("LogonType")?.Trim() ?? "?";
        var target = e.Computer;
        into.Add(new Behaviour(BehaviourKind.Logon, $"{source}|{account.ToLowerInvariant()}|{type}|{target.ToLowerInvariant()}",
            $"logon type {type} of {account} from {source} to {target}"));
    }

    /// <summary>The workstation name when known, else the IP; loopback and empty values read "local".</summary>
    private static string Source(string? workstation, string? ip)
    {
        var w = workstation?.Trim();
        if (!string.IsNullOrEmpty(w) && w != "-") return w.ToLowerInvariant();
        var a = ip?.Trim();
        if (string.IsNullOrEmpty(a) || a is "-" or "::1" or "127.0.0.1") return "local";
        return a.ToLowerInvariant();
    }
}
