using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Evtx;

/// <summary>Native EVTX reader: one evidence unit per 64 KiB chunk slot, parsed in parallel.</summary>
public sealed class EvtxFormat : IEvidenceFormat
{
    public InputFormat Format => InputFormat.Evtx;

    public bool Sniff(ReadOnlySpan<byte> head, string path) => head.StartsWith(EvtxFileHeader.Signature);

    public IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, Action<ReadIssue> report) =>
        Units(EvtxSource.FromFile(file.Name, file.PhysicalPath), options, report);

    /// <summary>
    /// Validates the header (reporting, never rejecting), then yields a unit for every chunk slot the file
    /// size allows; a trailing partial slot is reported and still read for the records it holds whole.
    /// </summary>
    internal static IEnumerable<EvidenceUnit> Units(EvtxSource source, ReaderOptions options, Action<ReadIssue> report, bool usePlans = true)
    {
        long size;
        var header = new byte[EvtxFileHeader.Size];
        int read;
        try
        {
            size = source.Length;
            read = source.Read(0, header);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(new ReadIssue(source.Name, $"cannot read: {ex.Message}"));
            yield break;
        }
        EvtxFileHeader.Validate(header.AsSpan(0, read), source.Name, report);
        if (size <= EvtxFileHeader.Size)
        {
            report(new ReadIssue(source.Name, "file holds no chunks", IssueSeverity.Warning));
            yield break;
        }
        long slots = (size - EvtxFileHeader.Size) / EvtxFileHeader.ChunkSize;
        int tail = (int)((size - EvtxFileHeader.Size) % EvtxFileHeader.ChunkSize);
        for (int i = 0; i < slots && i < int.MaxValue; i++)
            yield return new EvtxChunkUnit(source, i, EvtxFileHeader.Size + (long)i * EvtxFileHeader.ChunkSize, EvtxFileHeader.ChunkSize, options, usePlans);
        if (tail > 0)
        {
            long offset = EvtxFileHeader.Size + slots * EvtxFileHeader.ChunkSize;
            report(new ReadIssue(source.Name, $"file ends inside a chunk ({tail} of {EvtxFileHeader.ChunkSize} bytes); reading its complete records",
                IssueSeverity.Warning, ChunkIndex: (int)slots, Offset: offset));
            yield return new EvtxChunkUnit(source, (int)slots, offset, tail, options, usePlans);
        }
    }
}
