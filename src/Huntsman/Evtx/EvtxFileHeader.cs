using System.Buffers.Binary;
using Huntsman.Events;

namespace Huntsman.Evtx;

/// <summary>
/// The 4096-byte file header. Only reported on: chunks are found from the file size, never from the
/// header's u16 chunk count, which is stale in dirty logs and overflows past 65,535 chunks.
/// </summary>
internal static class EvtxFileHeader
{
    public const int Size = 4096;
    public const int ChunkSize = 65536;
    private const uint FlagDirty = 0x1, FlagFull = 0x2, FlagNoCrc32 = 0x4;

    public static ReadOnlySpan<byte> Signature => "ElfFile\0"u8;

    /// <summary>Checks signature, version and CRC, and reports what is wrong: chunks are tried whatever the header says.</summary>
    public static void Validate(ReadOnlySpan<byte> header, string file, Action<ReadIssue> report)
    {
        if (header.Length < 128)
        {
            report(new ReadIssue(file, $"file header truncated ({header.Length} of 128 bytes)", Offset: 0));
            return;
        }
        if (!header.StartsWith(Signature))
        {
            report(new ReadIssue(file, "file header has no ElfFile signature; trying chunks anyway", Offset: 0));
            return;
        }
        ushort minor = BinaryPrimitives.ReadUInt16LittleEndian(header[36..]);
        ushort major = BinaryPrimitives.ReadUInt16LittleEndian(header[38..]);
        if (major != 3 || minor is not (1 or 2))
            report(new ReadIssue(file, $"unexpected format version {major}.{minor}", IssueSeverity.Warning, Offset: 36));
        // Mask the flags: garbage bits are seen in real files (post-Security.evtx).
        uint flags = BinaryPrimitives.ReadUInt32LittleEndian(header[120..]) & (FlagDirty | FlagFull | FlagNoCrc32);
        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(header[124..]);
        if ((flags & FlagNoCrc32) == 0 && Crc32.Compute(header[..120]) != stored)
            report(new ReadIssue(file, "file header CRC32 mismatch", IssueSeverity.Warning, Offset: 124));
    }
}
