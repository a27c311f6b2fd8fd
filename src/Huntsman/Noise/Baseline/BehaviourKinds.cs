namespace Huntsman.Noise.Baseline;

/// <summary>Names of behaviour kinds as the baseline JSON and the explanations spell them.</summary>
public static class BehaviourKinds
{
    public static readonly BehaviourKind[] All = Enum.GetValues<BehaviourKind>();

    public static string JsonName(BehaviourKind kind) => kind switch
    {
        BehaviourKind.ProcessPair => "process_pair",
        BehaviourKind.CommandShape => "command_shape",
        BehaviourKind.Service => "service",
        BehaviourKind.Logon => "logon",
        BehaviourKind.Network => "network",
        BehaviourKind.Pipe => "pipe",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(string name, out BehaviourKind kind)
    {
        foreach (var k in All)
            if (JsonName(k) == name) { kind = k; return true; }
        kind = default;
        return false;
    }

    /// <summary>What one observation of the kind is called, plural ("process starts").</summary>
    public static string Unit(BehaviourKind kind) => kind switch
    {
        BehaviourKind.ProcessPair or BehaviourKind.CommandShape => "process starts",
        BehaviourKind.Service => "service installs",
        BehaviourKind.Logon => "logons",
        BehaviourKind.Network => "network connections",
        BehaviourKind.Pipe => "pipes created",
        _ => "events",
    };
}
