namespace Huntsman.Evtx.BinXml;

/// <summary>
/// A value as found in the chunk: its type and where its bytes are (chunk-relative), or a literal
/// text from the template itself. Nothing is decoded until a consumer asks for it.
/// </summary>
internal readonly struct BinXmlValue
{
    public BinXmlValue(byte type, int offset, int length)
    {
        Type = type;
        Offset = offset;
        Length = length;
        Text = null;
    }

    public BinXmlValue(string text)
    {
        Type = BinXmlValueType.String;
        Text = text;
    }

    public byte Type { get; }
    public int Offset { get; }
    public int Length { get; }
    /// <summary>Literal text (template text, entity, CDATA); null for values in the chunk.</summary>
    public string? Text { get; }

    public bool IsNull => Text is null && Type == BinXmlValueType.Null;
    public bool IsArray => Text is null && (Type & BinXmlValueType.ArrayFlag) != 0;
}
