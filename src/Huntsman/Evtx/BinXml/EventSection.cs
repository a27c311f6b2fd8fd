namespace Huntsman.Evtx.BinXml;

/// <summary>The top-level part of an &lt;Event&gt; an element belongs to; decides how its leaves become fields.</summary>
internal enum EventSection : byte
{
    None,
    System,
    EventData,
    UserData,
    ProcessingErrorData,
    RenderingInfo,
    Other,
}
