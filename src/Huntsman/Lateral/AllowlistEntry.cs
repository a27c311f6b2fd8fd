namespace Huntsman.Lateral;

/// <summary>One allowlist rule: every named field must match one of its patterns.</summary>
public sealed record AllowlistEntry(string Name, string Reason, bool Suppress, IReadOnlyDictionary<string, IReadOnlyList<string>> Match)
{
    public bool Matches(LateralFinding f)
    {
        foreach (var (field, patterns) in Match)
        {
            var values = Values(f, field).Where(v => v is not null).ToList();
            if (!values.Any(v => patterns.Any(p => Wildcard.IsMatch(v!, p)))) return false;
        }
        return true;
    }

    private static IEnumerable<string?> Values(LateralFinding f, string field) => field switch
    {
        "tool" => [f.Tool],
        "kind" => [f.Kind],
        "account" => [f.Account],
        "source_host" => [f.SourceHost],
        "source_ip" => [f.SourceIp],
        "target_host" => [f.TargetHost],
        "service_name" => [f.ServiceName],
        "service_image" => [f.ServiceImage, .. LateralAllowlist.Flatten(f.Commands).Take(1).Select(c => c.Image)],
        "source_image" => [f.SourceProcess.Count > 0 ? f.SourceProcess[0].Image : null],
        "pipe" => f.Pipes.Cast<string?>(),
        "command" => LateralAllowlist.Flatten(f.Commands).Select(c => (string?)(c.CommandLine ?? c.Image)),
        _ => [],
    };
}
