using System.Globalization;

namespace Huntsman.Lateral;

/// <summary>
/// A PsExec-style stdio pipe name "&lt;service&gt;-&lt;SOURCEHOST&gt;-&lt;PID&gt;-stdin|stdout|stderr", parsed from the right because
/// both the service name (-r) and the host name (WIN-…, DESKTOP-…) may contain hyphens.
/// </summary>
internal readonly record struct StdioPipe(string Prefix, string Stream, long Pid)
{
    public static bool TryParse(string? pipe, out StdioPipe result)
    {
        result = default;
        if (string.IsNullOrEmpty(pipe)) return false;
        var p = pipe.AsSpan().TrimStart('\\');
        int dash = p.LastIndexOf('-');
        if (dash <= 0) return false;
        var stream = p[(dash + 1)..];
        if (!stream.Equals("stdin", StringComparison.OrdinalIgnoreCase) && !stream.Equals("stdout", StringComparison.OrdinalIgnoreCase)
            && !stream.Equals("stderr", StringComparison.OrdinalIgnoreCase)) return false;
        var rest = p[..dash];
        int dash2 = rest.LastIndexOf('-');
        if (dash2 <= 0 || !long.TryParse(rest[(dash2 + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) return false;
        result = new StdioPipe(rest[..dash2].ToString(), stream.ToString().ToLowerInvariant(), pid);
        return true;
    }

    /// <summary>
    /// Splits the prefix into service and source host. <paramref name="knownServices"/> are service names seen
    /// on the host (control pipe, 7045/4697); otherwise the service is taken to be the first hyphen-free token.
    /// </summary>
    public (string Service, string SourceHost) Split(IEnumerable<string> knownServices)
    {
        foreach (var svc in knownServices.OrderByDescending(s => s.Length))
            if (Prefix.Length > svc.Length + 1 && Prefix.StartsWith(svc, StringComparison.OrdinalIgnoreCase) && Prefix[svc.Length] == '-')
                return (Prefix[..svc.Length], Prefix[(svc.Length + 1)..]);
        int first = Prefix.IndexOf('-');
        return first > 0 ? (Prefix[..first], Prefix[(first + 1)..]) : (Prefix, "");
    }
}
