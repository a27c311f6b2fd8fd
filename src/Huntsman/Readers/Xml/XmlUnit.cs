using System.Buffers;
using System.Text;
using System.Xml;
using Huntsman.Events;

namespace Huntsman.Readers.Xml;

/// <summary>A slice of an XML export: every &lt;Event&gt;…&lt;/Event&gt; in it is parsed on its own.</summary>
internal sealed class XmlUnit : EvidenceUnit
{
    private readonly EvidenceFile _file;
    private readonly long _start;
    private readonly long _firstLine;
    private readonly Encoding _encoding;
    private readonly bool _keepDocument;

    public XmlUnit(EvidenceFile file, int ordinal, long start, long end, long firstLine, Encoding encoding, bool keepDocument)
        : base(file.Name, ordinal, end - start)
    {
        _file = file;
        _start = start;
        _firstLine = firstLine;
        _encoding = encoding;
        _keepDocument = keepDocument;
    }

    public override EventBatch Read()
    {
        var batch = new EventBatch(this);
        var text = ReadText();
        long line = _firstLine;
        long byteOffset = _start;
        int scanned = 0; // chars already counted into line / byteOffset
        int pos = 0;
        bool anyTag = false;
        int close = -2; // next "</Event>" at or after the current event; -1 once none is left (keeps the scan linear)
        while (true)
        {
            int start = NextEventTag(text, pos);
            if (start < 0) break;
            anyTag = true;
            Advance(text, ref scanned, start, ref line, ref byteOffset);
            if (close != -1 && close < start) close = text.IndexOf("</Event>", start, StringComparison.Ordinal);
            int next = NextEventTag(text, start + 6);
            if (close < 0 || (next >= 0 && next < close))
            {
                // Truncated event: report it and go on with the next one.
                Fail(batch, line, byteOffset, "unterminated <Event> element");
                if (next < 0) break;
                pos = next;
                continue;
            }
            int end = close + "</Event>".Length;
            try
            {
                var root = XmlEventParser.Parse(text.Substring(start, end - start));
                var e = EventNodeMapper.ToEvent(root);
                if (_keepDocument) e.Document = root;
                e.Origin = new EventOrigin(File, Ordinal, byteOffset, line);
                EventNormalizer.Normalize(e);
                batch.Events.Add(e);
            }
            catch (XmlException ex)
            {
                long at = line + Math.Max(ex.LineNumber, 1) - 1;
                Fail(batch, at, byteOffset, $"malformed XML at line {at}, position {ex.LinePosition}: {ShortMessage(ex)}");
            }
            pos = end;
        }
        if (!anyTag && Ordinal == 0)
            batch.Issues.Add(new ReadIssue(File, "no <Event> element found", IssueSeverity.Warning, LineNumber: _firstLine));
        return batch;
    }

    private string ReadText()
    {
        int length = (int)Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            using var handle = System.IO.File.OpenHandle(_file.PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            int read = 0;
            while (read < length)
            {
                int n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), _start + read);
                if (n <= 0) break;
                read += n;
            }
            return _encoding.GetString(buffer, 0, read);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
    }

    /// <summary>Next "&lt;Event" followed by a separator (so &lt;Events&gt; and &lt;EventData&gt; are not taken).</summary>
    private static int NextEventTag(string text, int from)
    {
        while (true)
        {
            int i = text.IndexOf("<Event", from, StringComparison.Ordinal);
            if (i < 0 || i + 6 >= text.Length) return -1;
            if (text[i + 6] is ' ' or '>' or '\t' or '\r' or '\n') return i;
            from = i + 6;
        }
    }

    private void Advance(string text, ref int scanned, int to, ref long line, ref long byteOffset)
    {
        var span = text.AsSpan(scanned, to - scanned);
        line += span.Count('\n');
        byteOffset += _encoding.GetByteCount(span);
        scanned = to;
    }

    private void Fail(EventBatch batch, long line, long offset, string reason)
    {
        batch.SkippedCount++;
        batch.Issues.Add(new ReadIssue(File, reason, IssueSeverity.Error, Offset: offset, LineNumber: line));
    }

    /// <summary>XmlException appends "Line n, position m." relative to the event; the issue gives the real place.</summary>
    private static string ShortMessage(XmlException ex)
    {
        int cut = ex.Message.IndexOf(" Line ", StringComparison.Ordinal);
        return cut > 0 ? ex.Message[..cut] : ex.Message;
    }
}
