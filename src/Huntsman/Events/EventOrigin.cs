namespace Huntsman.Events;

/// <summary>Where an event was read: the file, and inside it a chunk index (EVTX) or a 1-based line number (text).</summary>
public readonly record struct EventOrigin(string File, int ChunkIndex, long Offset, long LineNumber = 0, bool Recovered = false)
{
    public override string ToString() =>
        LineNumber > 0 ? $"{File}:{LineNumber}" : $"{File} chunk {ChunkIndex} @0x{Offset:x}{(Recovered ? " (recovered)" : "")}";
}
