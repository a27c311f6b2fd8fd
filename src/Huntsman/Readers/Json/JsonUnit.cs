using System.Buffers;
using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Readers.Json;

/// <summary>One slice of a JSON file, parsed record by record; a bad record is reported with its line and skipped.</summary>
internal sealed class JsonUnit : EvidenceUnit
{
    private readonly EvidenceFile _file;
    private readonly JsonSlice _slice;
    private readonly JsonLayout _layout;
    private readonly bool _keepDocument;

    public JsonUnit(EvidenceFile file, int ordinal, JsonSlice slice, JsonLayout layout, bool keepDocument)
        : base(file.Name, ordinal, slice.End - slice.Start)
    {
        _file = file;
        _slice = slice;
        _layout = layout;
        _keepDocument = keepDocument;
    }

    public override EventBatch Read()
    {
        var batch = new EventBatch(this);
        int length = (int)Length;
        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            using (var handle = System.IO.File.OpenHandle(_file.PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                int read = 0;
                while (read < length)
                {
                    int n = RandomAccess.Read(handle, buffer.AsSpan(read, length - read), _slice.Start + read);
                    if (n <= 0) break;
                    read += n;
                }
                length = read;
            }
            var data = buffer.AsSpan(0, length);
            if (_layout == JsonLayout.Lines) ReadLines(data, batch);
            else ReadValues(data, batch);
        }
        finally { ArrayPool<byte>.Shared.Return(buffer); }
        return batch;
    }

    private void ReadLines(ReadOnlySpan<byte> data, EventBatch batch)
    {
        long line = _slice.FirstLine;
        int pos = 0;
        while (pos < data.Length)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            var text = nl < 0 ? data[pos..] : data[pos..(pos + nl)];
            if (!JsonBytes.IsBlank(text))
            {
                if (TryParse(text, batch, _slice.Start + pos, line, out int consumed, out var error))
                {
                    if (!JsonBytes.IsBlank(text[consumed..]))
                        Report(batch, line, "unexpected data after the JSON object", IssueSeverity.Warning);
                }
                else Report(batch, line, error!);
            }
            if (nl < 0) break;
            pos += nl + 1;
            line++;
        }
    }

    private void ReadValues(ReadOnlySpan<byte> data, EventBatch batch)
    {
        long line = _slice.FirstLine;
        int pos = 0;
        while (true)
        {
            // Skip whitespace and array separators, counting lines.
            while (pos < data.Length && (JsonBytes.IsSpace(data[pos]) || data[pos] == (byte)','))
            {
                if (data[pos] == (byte)'\n') line++;
                pos++;
            }
            if (pos >= data.Length || data[pos] == (byte)']') return;
            if (TryParse(data[pos..], batch, _slice.Start + pos, line, out int consumed, out var error))
            {
                line += data.Slice(pos, consumed).Count((byte)'\n');
                pos += consumed;
                continue;
            }
            Report(batch, line, error!);
            pos = NextRecordStart(data, pos, ref line);
        }
    }

    /// <summary>After a broken record, resume at the next line that starts with '{'.</summary>
    private static int NextRecordStart(ReadOnlySpan<byte> data, int pos, ref long line)
    {
        while (true)
        {
            int nl = data[pos..].IndexOf((byte)'\n');
            if (nl < 0) return data.Length;
            pos += nl + 1;
            line++;
            int p = pos;
            while (p < data.Length && data[p] is (byte)' ' or (byte)'\t' or (byte)'\r') p++;
            if (p < data.Length && data[p] == (byte)'{') return pos;
        }
    }

    /// <summary>Parses one value at the start of <paramref name="data"/>; false with a reason when it is not a usable record.</summary>
    private bool TryParse(ReadOnlySpan<byte> data, EventBatch batch, long offset, long line, out int consumed, out string? error)
    {
        consumed = 0;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(data, JsonBytes.ReaderOptions);
            using var doc = JsonDocument.ParseValue(ref reader);
            consumed = (int)reader.BytesConsumed;
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = $"JSON {doc.RootElement.ValueKind.ToString().ToLowerInvariant()} is not an event object";
                return false;
            }
            var e = JsonRecordMapper.Map(doc.RootElement, _keepDocument);
            e.Origin = new EventOrigin(File, Ordinal, offset, line);
            EventNormalizer.Normalize(e);
            batch.Events.Add(e);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"not valid JSON: {FirstSentence(ex.Message)}";
            return false;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            error = $"unreadable JSON record: {FirstSentence(ex.Message)}";
            return false;
        }
    }

    private void Report(EventBatch batch, long line, string reason, IssueSeverity severity = IssueSeverity.Error)
    {
        if (severity == IssueSeverity.Error) batch.SkippedCount++;
        batch.Issues.Add(new ReadIssue(File, reason, severity, LineNumber: line));
    }

    /// <summary>System.Text.Json messages carry a "Path: … | LineNumber: …" tail relative to the record; our issue has the real line.</summary>
    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
