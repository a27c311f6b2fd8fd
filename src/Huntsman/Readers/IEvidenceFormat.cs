using Huntsman.Events;

namespace Huntsman.Readers;

/// <summary>One input format: recognises its files and splits them into independently readable units.</summary>
public interface IEvidenceFormat
{
    InputFormat Format { get; }

    /// <summary>True when the first bytes of a file (possibly fewer than asked for) look like this format.</summary>
    bool Sniff(ReadOnlySpan<byte> head, string path);

    /// <summary>
    /// Splits a file into units in file order. Opening problems (not this format, unreadable header)
    /// are reported through <paramref name="report"/>; the method never throws for bad input.
    /// </summary>
    IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, Action<ReadIssue> report);
}

/// <summary>
/// A file to read. <see cref="Name"/> is what the user gave (and what every event and issue names);
/// <see cref="PhysicalPath"/> is where the bytes are (a temp copy for a decompressed .gz).
/// </summary>
public sealed record EvidenceFile(string Name, string PhysicalPath);
