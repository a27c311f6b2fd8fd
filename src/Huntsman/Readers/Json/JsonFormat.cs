using Huntsman.Events;

namespace Huntsman.Readers.Json;

/// <summary>
/// JSON evidence: JSONL, top-level arrays, or concatenated objects, in the shapes evtx_dump, Winlogbeat/ECS,
/// NXLog (OTRF/Mordor) and Defender Advanced Hunting write. Large files are cut into ~2 MB slices on record
/// boundaries so they parse on all cores with flat memory.
/// </summary>
public sealed class JsonFormat : IEvidenceFormat
{
    public InputFormat Format => InputFormat.Json;

    public bool Sniff(ReadOnlySpan<byte> head, string path)
    {
        int pos = JsonBytes.SkipBomAndWhitespace(head, 0);
        return pos < head.Length && head[pos] is (byte)'{' or (byte)'[';
    }

    public IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, Action<ReadIssue> report) =>
        Open(file, options, JsonSplitter.TargetBytes);

    /// <summary>Same, with a chosen slice size (tests use small slices to exercise the cutting).</summary>
    internal IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, int sliceBytes)
    {
        using var handle = File.OpenHandle(file.PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = RandomAccess.GetLength(handle);
        var head = new byte[(int)Math.Min(length, 64 * 1024)];
        int n = RandomAccess.Read(handle, head, 0);
        var layout = JsonLayoutDetector.Detect(head.AsSpan(0, n), out int dataStart);
        var splitter = new JsonSplitter(handle, length, layout, dataStart, sliceBytes);
        int ordinal = 0;
        while (splitter.TryNext(out var slice))
            yield return new JsonUnit(file, ordinal++, slice, layout, options.KeepDocument);
    }
}
