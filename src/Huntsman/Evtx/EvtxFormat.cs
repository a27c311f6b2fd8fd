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
        source.ExpectUnits(1); // the header and recovery reads below, released before the chunk units run
        try
        {
            size = source.Length;
            read = source.Read(0, header);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            source.UnitDone();
            report(new ReadIssue(source.Name, $"cannot read: {ex.Message}"));
            yield break;
        }
        EvtxFileHeader.Validate(header.AsSpan(0, read), source.Name, report);
        if (size <= EvtxFileHeader.Size)
        {
            source.UnitDone();
            report(new ReadIssue(source.Name, "file holds no chunks", IssueSeverity.Warning));
            yield break;
        }
        long slots = (size - EvtxFileHeader.Size) / EvtxFileHeader.ChunkSize;
        int tail = (int)((size - EvtxFileHeader.Size) % EvtxFileHeader.ChunkSize);
        var recovery = options.Recover ? BuildRecoveryIndex(source, slots, tail, options, report) : null;
        source.ExpectUnits(Math.Min(slots, int.MaxValue) + (tail > 0 ? 1 : 0));
        source.UnitDone();
        for (int i = 0; i < slots && i < int.MaxValue; i++)
            yield return new EvtxChunkUnit(source, i, EvtxFileHeader.Size + (long)i * EvtxFileHeader.ChunkSize, EvtxFileHeader.ChunkSize, options, usePlans, recovery);
        if (tail > 0)
        {
            long offset = EvtxFileHeader.Size + slots * EvtxFileHeader.ChunkSize;
            report(new ReadIssue(source.Name, $"file ends inside a chunk ({tail} of {EvtxFileHeader.ChunkSize} bytes); reading its complete records",
                IssueSeverity.Warning, ChunkIndex: (int)slots, Offset: offset));
            yield return new EvtxChunkUnit(source, (int)slots, offset, tail, options, usePlans, recovery);
        }
    }

    private static EvtxRecoveryIndex? BuildRecoveryIndex(EvtxSource source, long slots, int tail, ReaderOptions options, Action<ReadIssue> report)
    {
        try { return EvtxRecoveryIndex.Build(source, slots, tail, options); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(new ReadIssue(source.Name, $"recovery pass failed, carved records may repeat: {ex.Message}", IssueSeverity.Warning));
            return null;
        }
    }
}
