using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Huntsman.Readers.Json;

/// <summary>
/// Cuts a JSON file into slices of about <see cref="TargetBytes"/> that end on a record boundary, reading it once
/// sequentially: on a newline for JSONL, after a top-level value for arrays and streams. Lines are counted on the
/// way so every slice knows its first line number. A record longer than <see cref="MaxBytes"/> is cut anyway
/// (the reader then reports it), so memory stays bounded on hostile input.
/// </summary>
internal sealed class JsonSplitter
{
    public const int TargetBytes = 2 << 20;
    public const int MaxBytes = 64 << 20;
    private const int BlockBytes = 1 << 20;

    private static readonly SearchValues<byte> Structural = SearchValues.Create("{}[]\"\n"u8);
    private static readonly SearchValues<byte> InString = SearchValues.Create("\"\\\n"u8);

    private readonly SafeFileHandle _handle;
    private readonly long _length;
    private readonly JsonLayout _layout;
    private readonly int _target;
    private long _start;
    private long _line = 1;
    // Structural scanner state, carried across blocks.
    private int _depth;
    private bool _inString, _escaped;

    public JsonSplitter(SafeFileHandle handle, long length, JsonLayout layout, long dataStart, int targetBytes = TargetBytes)
    {
        _handle = handle;
        _length = length;
        _layout = layout;
        _start = dataStart;
        _target = targetBytes;
    }

    public bool TryNext(out JsonSlice slice)
    {
        slice = default;
        if (_start >= _length) return false;
        long firstLine = _line;
        long end = _length - _start <= _target ? _length : FindCut();
        slice = new JsonSlice(_start, end, firstLine);
        _start = end;
        return true;
    }

    /// <summary>Scans from the slice start; returns the cut position and leaves _line at the line of that position.</summary>
    private long FindCut()
    {
        var block = ArrayPool<byte>.Shared.Rent(BlockBytes);
        try
        {
            long pos = _start;
            while (pos < _length)
            {
                int n = RandomAccess.Read(_handle, block.AsSpan(0, (int)Math.Min(BlockBytes, _length - pos)), pos);
                if (n <= 0) break;
                var span = block.AsSpan(0, n);
                int cut = _layout == JsonLayout.Lines ? ScanLines(span, pos) : ScanStructure(span, pos);
                if (cut >= 0) return pos + cut;
                pos += n;
                if (pos - _start >= MaxBytes) return pos;
            }
            return _length;
        }
        finally { ArrayPool<byte>.Shared.Return(block); }
    }

    /// <summary>Index just after the first newline past the target, or -1; counts the lines it passes.</summary>
    private int ScanLines(ReadOnlySpan<byte> span, long pos)
    {
        int from = (int)Math.Clamp(_start + _target - pos, 0, span.Length);
        _line += span[..from].Count((byte)'\n');
        int nl = span[from..].IndexOf((byte)'\n');
        if (nl < 0) return -1;
        _line++;
        return from + nl + 1;
    }

    /// <summary>Index just after a value that closes at top level past the target, or -1.</summary>
    private int ScanStructure(ReadOnlySpan<byte> span, long pos)
    {
        int i = 0;
        while (i < span.Length)
        {
            if (_inString)
            {
                if (_escaped) { _escaped = false; i++; continue; }
                int k = span[i..].IndexOfAny(InString);
                if (k < 0) return -1;
                i += k;
                switch (span[i])
                {
                    case (byte)'\\': _escaped = true; break;
                    case (byte)'"': _inString = false; break;
                    default: _line++; break;
                }
                i++;
                continue;
            }
            int j = span[i..].IndexOfAny(Structural);
            if (j < 0) return -1;
            i += j;
            switch (span[i])
            {
                case (byte)'"': _inString = true; break;
                case (byte)'\n': _line++; break;
                case (byte)'{' or (byte)'[': _depth++; break;
                case (byte)'}' or (byte)']':
                    _depth--;
                    if (_depth <= 0)
                    {
                        _depth = Math.Max(_depth, 0);
                        if (pos + i + 1 - _start >= _target) return i + 1;
                    }
                    break;
            }
            i++;
        }
        return -1;
    }
}
