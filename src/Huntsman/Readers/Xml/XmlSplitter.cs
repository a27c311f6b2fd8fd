using System.Buffers;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Huntsman.Readers.Xml;

/// <summary>
/// Cuts an XML export into slices of about the target size, each starting at an "&lt;Event" tag, and counts the
/// lines before each cut so issues can name real line numbers. A slice never grows past 64 MB beyond its target.
/// </summary>
internal sealed class XmlSplitter(SafeFileHandle handle, long length, long dataStart, Encoding encoding, int targetBytes)
{
    private const int BlockBytes = 1 << 20;
    private const int MaxBytes = 64 << 20;
    private readonly byte[] _tag = XmlEncodingSniffer.EventTag(encoding);
    private readonly int _charBytes = encoding == Encoding.Unicode ? 2 : 1;
    private readonly long _dataStart = dataStart;
    private long _start = dataStart;
    private long _line = 1;

    public bool TryNext(out long start, out long end, out long firstLine)
    {
        start = _start;
        firstLine = _line;
        end = _start;
        if (_start >= length) return false;
        end = length - _start <= targetBytes ? length : FindTag(_start + targetBytes);
        if (end < length) _line += CountLines(_start, end);
        _start = end;
        return true;
    }

    /// <summary>Position of the first "&lt;Event" tag (not &lt;Events, &lt;EventData, …) at or after <paramref name="from"/>.</summary>
    private long FindTag(long from)
    {
        from = _dataStart + (from - _dataStart) / _charBytes * _charBytes;
        var block = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            long pos = from;
            while (pos < length)
            {
                int n = RandomAccess.Read(handle, block.AsSpan(0, (int)Math.Min(BlockBytes, length - pos)), pos);
                if (n < _tag.Length + _charBytes) return length;
                var span = block.AsSpan(0, n);
                int i = 0;
                while (true)
                {
                    int k = span[i..].IndexOf(_tag);
                    if (k < 0) break;
                    i += k;
                    int after = i + _tag.Length;
                    if (after >= n) break;
                    if ((i % _charBytes) == 0 && span[after] is (byte)' ' or (byte)'>' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                        return pos + i;
                    i++;
                }
                if (pos + n >= length) return length;
                // No event start for a long stretch (crafted input): cut anyway so memory stays bounded;
                // the event torn by the cut is reported as unterminated/malformed.
                if (pos + n - from >= MaxBytes) return pos + n - (n % _charBytes);
                // Overlap so a tag straddling two blocks is still seen.
                pos += n - _tag.Length - _charBytes;
            }
            return length;
        }
        finally { ArrayPool<byte>.Shared.Return(block); }
    }

    private long CountLines(long from, long to)
    {
        var block = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            long lines = 0;
            for (long pos = from; pos < to;)
            {
                int n = RandomAccess.Read(handle, block.AsSpan(0, (int)Math.Min(BlockBytes, to - pos)), pos);
                if (n <= 0) break;
                var span = block.AsSpan(0, n);
                if (_charBytes == 1) lines += span.Count((byte)'\n');
                else
                    for (int i = (int)((pos - _dataStart) & 1); i + 1 < n; i += 2)
                        if (span[i] == (byte)'\n' && span[i + 1] == 0) lines++;
                pos += n;
            }
            return lines;
        }
        finally { ArrayPool<byte>.Shared.Return(block); }
    }
}
