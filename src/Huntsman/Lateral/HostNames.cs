using System.Net;

namespace Huntsman.Lateral;

/// <summary>Host and address comparisons: FQDN vs NetBIOS names, loopback and "no address" values.</summary>
internal static class HostNames
{
    /// <summary>The NetBIOS-style short name: upper case, before the first dot, without a leading \\.</summary>
    public static string Short(string? host)
    {
        if (string.IsNullOrWhiteSpace(host)) return "";
        var h = host.Trim().TrimStart('\\');
        int dot = h.IndexOf('.');
        // An IP address keeps its dots.
        if (dot > 0 && !IPAddress.TryParse(h, out _)) h = h[..dot];
        return h.ToUpperInvariant();
    }

    public static bool Same(string? a, string? b) => Short(a) is var x && x.Length > 0 && x == Short(b);

    /// <summary>Null for the placeholders Windows writes when there is no address (-, empty).</summary>
    public static string? Address(string? ip)
    {
        if (string.IsNullOrWhiteSpace(ip)) return null;
        var v = ip.Trim();
        if (v == "-" || v == "::" || v == "0.0.0.0") return null;
        if (v.StartsWith("::ffff:", StringComparison.OrdinalIgnoreCase)) v = v[7..];
        return v;
    }

    public static bool IsLoopback(string? ip) =>
        ip is not null && (ip == "::1" || ip.StartsWith("127.", StringComparison.Ordinal) ||
                           IPAddress.TryParse(ip, out var a) && IPAddress.IsLoopback(a));

    /// <summary>A link-local IPv6 address (fe80::) is the host itself in the local-run samples.</summary>
    public static bool IsLinkLocal(string? ip) => ip is not null && ip.StartsWith("fe80:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Names written in the "localhost" sense on a command line (\\localhost, \\127.0.0.1, \\.).</summary>
    public static bool IsSelfName(string name) =>
        name is "." or "" || name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IsLoopback(name);
}
