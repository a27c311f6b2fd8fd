namespace Huntsman.Readers;

/// <summary>The formats tried, in order, when sniffing a file.</summary>
public static class EvidenceFormats
{
    public static readonly IReadOnlyList<IEvidenceFormat> All =
    [
        // Registered by each reader: Evtx.EvtxFormat, Readers.Json.JsonFormat, Readers.Xml.XmlFormat.
        new Json.JsonFormat(),
        new Xml.XmlFormat(),
    ];
}
