namespace Huntsman.Sigma.Matching;

/// <summary>
/// Where a logsource's events live: a channel (or a channel prefix such as "Defender:"), optional
/// EventIDs, optional EventType values (Sysmon registry sub-types), and field renames for that source.
/// </summary>
internal sealed record LogsourceTarget(string Channel, bool ChannelIsPrefix, int[]? EventIds,
    string[]? EventTypes = null, IReadOnlyDictionary<string, string>? FieldFallbacks = null);
