namespace Huntsman.Noise.Baseline;

/// <summary>When a behaviour counts as an anomaly, and how many anomalies are kept.</summary>
public readonly record struct AnomalyOptions
{
    public AnomalyOptions() { }

    /// <summary>A behaviour never seen on this host but seen on at most this many baseline hosts is rare.</summary>
    public int RareMaxHosts { get; init; } = 1;
    /// <summary>Rarity is only judged when the baseline has at least this many hosts.</summary>
    public int RareMinBaselineHosts { get; init; } = 3;
    /// <summary>Distinct (host, behaviour) anomalies kept; later ones are counted in <see cref="AnomalyFinder.Overflow"/>.</summary>
    public int MaxAnomalies { get; init; } = 10_000;
}
