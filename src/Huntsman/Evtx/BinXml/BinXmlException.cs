namespace Huntsman.Evtx.BinXml;

/// <summary>
/// Damaged BinXML met while decoding one record. Never leaves the chunk reader: it is turned into a
/// <see cref="Huntsman.Events.ReadIssue"/> naming the record and the chunk offset.
/// </summary>
internal sealed class BinXmlException(string message, int offset) : Exception(message)
{
    /// <summary>Chunk-relative offset where the problem was found.</summary>
    public int Offset { get; } = offset;
}
