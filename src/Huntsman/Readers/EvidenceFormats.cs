namespace Huntsman.Readers;

/// <summary>The formats tried, in order, when sniffing a file.</summary>
public static class EvidenceFormats
{
    public static readonly IReadOnlyList<IEvidenceFormat> All =
    [
        new Evtx.EvtxFormat(),
        new Json.JsonFormat(),
        new Xml.XmlFormat(),
    ];
}
