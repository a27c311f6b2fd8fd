namespace Huntsman.Noise.Baseline;

/// <summary>
/// What normal looks like, learned from evidence declared known-good (<see cref="BaselineLearner"/>):
/// per behaviour kind, how often each key was seen, on which hosts. Saved and loaded as versioned,
/// deterministic JSON (<see cref="BaselineJson"/>); used by <see cref="BaselineJudge"/> and <see cref="AnomalyFinder"/>.
/// </summary>
public sealed class BehaviourBaseline
{
    public const string FormatName = "huntsman-baseline";
    public const int FormatVersion = 1;
    public const int DefaultMaxKeysPerCategory = 20_000;
    public const int DefaultMaxHostsPerKey = 32;

    public BehaviourBaseline(int maxKeysPerCategory = DefaultMaxKeysPerCategory, int maxHostsPerKey = DefaultMaxHostsPerKey)
    {
        MaxKeysPerCategory = maxKeysPerCategory;
        MaxHostsPerKey = maxHostsPerKey;
        foreach (var kind in BehaviourKinds.All) Categories[kind] = new BaselineCategory();
    }

    public int MaxKeysPerCategory { get; }
    public int MaxHostsPerKey { get; }
    /// <summary>Events read while learning.</summary>
    public long Events { get; internal set; }
    /// <summary>Hosts learned from, with their event counts.</summary>
    public Dictionary<string, long> Hosts { get; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<BehaviourKind, BaselineCategory> Categories { get; } = new();

    public BaselineCategory this[BehaviourKind kind] => Categories[kind];

    public BaselineEntry? Find(Behaviour behaviour) => Categories[behaviour.Kind].Entries.GetValueOrDefault(behaviour.Key);

    /// <summary>Marks a detection seen (and lowers it) or unseen; see <see cref="BaselineJudge"/>.</summary>
    public BaselineVerdict Apply(Huntsman.Hunt.Detection detection) => BaselineJudge.Apply(this, detection);

    /// <summary>Reads a baseline file; throws <see cref="BaselineFormatException"/> (file:line:column) and never returns a partial one.</summary>
    public static BehaviourBaseline Load(string path) => BaselineJson.Read(path);
}
