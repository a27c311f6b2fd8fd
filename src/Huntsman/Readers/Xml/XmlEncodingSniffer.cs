using System.Text;

namespace Huntsman.Readers.Xml;

/// <summary>Event exports are UTF-8 (wevtutil, Event Viewer) or UTF-16 LE with a BOM (PowerShell 5 redirection).</summary>
internal static class XmlEncodingSniffer
{
    public static Encoding Detect(ReadOnlySpan<byte> head, out int bomLength)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) { bomLength = 2; return Encoding.Unicode; }
        bomLength = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return Encoding.UTF8;
    }

    /// <summary>"&lt;Event" in the file's encoding: slices are cut just before it.</summary>
    public static byte[] EventTag(Encoding encoding) => encoding.GetBytes("<Event");
}
