using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Turns an event into the behaviours a baseline counts (none for most events), through the typed
/// taxonomy views so every source speaks one vocabulary: <see cref="ProcessStart"/> (Sysmon 1, 4688,
/// Defender), <see cref="ServiceInstall"/> (7045, 4697), <see cref="LogonEvent"/> (successful logons),
/// <see cref="NetworkConnection"/> (Sysmon 3, 5156, Defender) and <see cref="PipeEvent"/> (Sysmon 17).
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
        }
        else if (ServiceInstall.TryFrom(e, out var s))
        {
            var nameShape = Shapes.Of(s.ServiceName);
            var imageShape = Shapes.Of(s.ImagePath);
            into.Add(new Behaviour(BehaviourKind.Service, $"{nameShape} | {imageShape}", $"service '{s.ServiceName}' installed with image '{s.ImagePath}'"));
        }
        else if (LogonEvent.TryFrom(e, out var l))
        {
            if (l.Kind != LogonKind.Success || string.IsNullOrEmpty(l.TargetUser)) return;
            var source = Source(l.Workstation, l.SourceIp);
            var type = l.LogonType?.ToString() ?? "?";
            into.Add(new Behaviour(BehaviourKind.Logon, $"{source}|{l.TargetUser.ToLowerInvariant()}|{type}|{l.Host.ToLowerInvariant()}",
                $"logon type {type} of {l.TargetUser} from {source} to {l.Host}"));
        }
        else if (NetworkConnection.TryFrom(e, out var n))
        {
            var port = n.DestinationPort?.ToString() ?? "?";
            into.Add(new Behaviour(BehaviourKind.Network, $"{Shapes.FileName(n.Image)}>{port}", $"{Shapes.DisplayName(n.Image)} connected to port {port}"));
        }
        else if (PipeEvent.TryFrom(e, out var pipe) && pipe.Created)
        {
            var shape = Shapes.Of(pipe.PipeName);
            into.Add(new Behaviour(BehaviourKind.Pipe, shape, $"{Shapes.DisplayName(pipe.Image)} created pipe {pipe.PipeName} (shape '{shape}')"));
        }
    }

    /// <summary>The workstation name when known, else the IP; loopback and unrecorded sources read "local".</summary>
    private static string Source(string? workstation, string? ip)
    {
        var w = workstation?.Trim();
        if (!string.IsNullOrEmpty(w)) return w.ToLowerInvariant();
        var a = ip?.Trim();
        if (string.IsNullOrEmpty(a) || a is "::1" or "127.0.0.1") return "local";
        return a.ToLowerInvariant();
    }
}
