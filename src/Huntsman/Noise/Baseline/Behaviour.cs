namespace Huntsman.Noise.Baseline;

/// <summary>
/// One observed behaviour: its kind, the normalised key the baseline counts, and a readable
/// description in the event's own spelling ("WINWORD.EXE started rundll32.exe").
/// </summary>
public readonly record struct Behaviour(BehaviourKind Kind, string Key, string Description);
