namespace Huntsman.Readers;

public enum InputFormat { Auto, Evtx, Json, Xml }

/// <summary>How evidence is read. Defaults suit hunting: lenient, all cores, no full documents kept.</summary>
public readonly record struct ReaderOptions
{
    public ReaderOptions() { }

    /// <summary>Force a format instead of sniffing each file.</summary>
    public InputFormat Format { get; init; } = InputFormat.Auto;
    /// <summary>Carve valid records from chunk slack space and mark them recovered.</summary>
    public bool Recover { get; init; }
    /// <summary>Skip chunks whose header or data CRC32 does not match (reported as issues).</summary>
    public bool ValidateChecksums { get; init; }
    /// <summary>Keep each event's full document tree (needed by dump, not by hunt).</summary>
    public bool KeepDocument { get; init; }
    /// <summary>Largest size a .gz may expand to; 0 = 200× its compressed size, at least 1 GiB.</summary>
    public long MaxDecompressedBytes { get; init; }
    /// <summary>Worker threads; 0 = all cores.</summary>
    public int Threads { get; init; }

    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
