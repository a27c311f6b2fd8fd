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
    /// Yields a unit for every chunk slot the file size allows (a trailing partial slot is reported and still read
    /// for the records it holds whole). Only the size is read here: enumeration runs under the pipeline's lock, so the
    /// file header is read and validated (reported on, never rejected) by the first chunk unit, on a worker.
    /// </summary>
    internal static IEnumerable<EvidenceUnit> Units(EvtxSource source, ReaderOptions options, Action<ReadIssue> report, bool usePlans = true)
    {
        long size;
        try { size = source.Length; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(new ReadIssue(source.Name, $"cannot read: {ex.Message}"));
            yield break;
        }
        if (size <= EvtxFileHeader.Size)
        {
            ValidateHeaderOnly(source, report);
            yield break;
        }
        long slots = (size - EvtxFileHeader.Size) / EvtxFileHeader.ChunkSize;
        int tail = (int)((size - EvtxFileHeader.Size) % EvtxFileHeader.ChunkSize);
        source.ExpectUnits(1); // the recovery pass's reads, released before the chunk units run
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

    /// <summary>A file no longer than its header: what the header says, and that there is nothing else.</summary>
    private static void ValidateHeaderOnly(EvtxSource source, Action<ReadIssue> report)
    {
        var header = new byte[EvtxFileHeader.Size];
        int read;
        source.ExpectUnits(1);
        try { read = source.Read(0, header); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(new ReadIssue(source.Name, $"cannot read: {ex.Message}"));
            return;
        }
        finally { source.UnitDone(); }
        EvtxFileHeader.Validate(header.AsSpan(0, read), source.Name, report);
        report(new ReadIssue(source.Name, "file holds no chunks", IssueSeverity.Warning));
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
