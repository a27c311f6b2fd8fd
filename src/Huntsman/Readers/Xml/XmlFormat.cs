using System.Text;
using Huntsman.Events;

namespace Huntsman.Readers.Xml;

/// <summary>
/// XML exports: wevtutil qe /f:xml (a sequence of &lt;Event&gt; elements without a root), Event Viewer
/// "Save as XML" (&lt;Events&gt; root) or a single &lt;Event&gt;. Each event is parsed on its own with a locked-down
/// XmlReader, so a malformed one is reported and the next one is read.
/// </summary>
public sealed class XmlFormat : IEvidenceFormat
{
    internal const int TargetSliceBytes = 2 << 20;

    public InputFormat Format => InputFormat.Xml;

    public bool Sniff(ReadOnlySpan<byte> head, string path)
    {
        var encoding = XmlEncodingSniffer.Detect(head, out int bom);
        var body = head[bom..];
        int step = encoding == Encoding.Unicode ? 2 : 1;
        int pos = 0;
        while (pos + step <= body.Length && body[pos] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') pos += step;
        if (pos >= body.Length || body[pos] != (byte)'<') return false;
        return body.IndexOf(XmlEncodingSniffer.EventTag(encoding)) >= 0;
    }

    public IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, Action<ReadIssue> report) =>
        Open(file, options, TargetSliceBytes);

    /// <summary>Same, with a chosen slice size (tests use small slices to exercise the cutting).</summary>
    internal IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, int sliceBytes)
    {
        using var handle = File.OpenHandle(file.PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        long length = RandomAccess.GetLength(handle);
        var head = new byte[(int)Math.Min(length, 4)];
        RandomAccess.Read(handle, head, 0);
        var encoding = XmlEncodingSniffer.Detect(head, out int bom);
        var splitter = new XmlSplitter(handle, length, bom, encoding, sliceBytes);
        int ordinal = 0;
        while (splitter.TryNext(out var start, out var end, out var firstLine))
            yield return new XmlUnit(file, ordinal++, start, end, firstLine, encoding, options.KeepDocument);
    }
}
