using System.IO.Compression;
using Huntsman.Events;

namespace Huntsman.Readers;

/// <summary>
/// Turns the paths a user gives into evidence units: directories are recursed (sorted, so runs are
/// deterministic), .gz is decompressed transparently, each file's format is sniffed (or forced),
/// and unknown files are skipped with a note.
/// </summary>
public sealed class EvidenceReader : IDisposable
{
    private readonly ReaderOptions _options;
    private readonly IReadOnlyList<IEvidenceFormat> _formats;
    private readonly Action<ReadIssue> _report;
    private string? _tempDir;
    private const long MinExpandedBytes = 1L << 30;
    private const int MaxExpansionRatio = 200;

    public EvidenceReader(ReaderOptions options, Action<ReadIssue> report, IReadOnlyList<IEvidenceFormat>? formats = null)
    {
        _options = options;
        _report = report;
        _formats = formats ?? EvidenceFormats.All;
    }

    /// <summary>Files found (after recursion), in the order they are read.</summary>
    public int FilesSeen { get; private set; }
    /// <summary>Files that had a recognised format (so far: small files are opened by the thread that reads them).</summary>
    public int FilesOpened => Volatile.Read(ref _filesOpened);
    public long BytesSeen => Volatile.Read(ref _bytesSeen);
    private int _filesOpened;
    private long _bytesSeen;

    /// <summary>
    /// Files up to this size are one unit each, opened and sniffed by the thread that reads them: a corpus of many small
    /// logs spent a fifth of its single-thread time opening and sniffing files in the enumeration, which every reading
    /// thread waits on. Bigger files are split into their chunks (or slices) as before. Eight chunks of events at most.
    /// </summary>
    private const long WholeFileBytes = 8 * 65536 + 4096;

    /// <summary>Expands paths to files: directories recursively, in ordinal order.</summary>
    public IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                IEnumerable<string> files;
                try
                {
                    files = Directory.EnumerateFiles(path, "*", new EnumerationOptions
                    { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint })
                        .Order(StringComparer.Ordinal).ToList();
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    _report(new ReadIssue(path, $"cannot list directory: {ex.Message}"));
                    continue;
                }
                bool any = false;
                foreach (var f in files) { any = true; yield return f; }
                if (!any) _report(new ReadIssue(path, "directory contains no files", IssueSeverity.Warning));
            }
            else if (File.Exists(path)) yield return path;
            else _report(new ReadIssue(path, "no such file or directory"));
        }
    }

    /// <summary>All units of all files, in file order then unit order.</summary>
    public IEnumerable<EvidenceUnit> Units(IEnumerable<string> paths)
    {
        foreach (var path in ExpandPaths(paths))
        {
            FilesSeen++;
            if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) && TryLength(path) is > 0 and <= WholeFileBytes and var length)
            {
                yield return new WholeFileUnit(this, new EvidenceFile(path, path), length);
                continue;
            }
            var file = Prepare(path);
            if (file is null) continue;
            foreach (var unit in UnitsOf(file, TryLength(file.PhysicalPath), _report)) yield return unit;
        }
    }

    /// <summary>The units of one file of <paramref name="length"/> bytes (-1: unknown), in file order; problems go to <paramref name="report"/>.</summary>
    private IEnumerable<EvidenceUnit> UnitsOf(EvidenceFile file, long length, Action<ReadIssue> report)
    {
        var format = Detect(file, length, report);
        if (format is null) yield break;
        Interlocked.Increment(ref _filesOpened);
        if (length > 0) Interlocked.Add(ref _bytesSeen, length);
        IEnumerator<EvidenceUnit>? units = null;
        try { units = format.Open(file, _options, report).GetEnumerator(); }
        catch (Exception ex) when (ex is not OutOfMemoryException) { report(new ReadIssue(file.Name, $"cannot open: {ex.Message}")); }
        if (units is null) yield break;
        using (units)
            while (true)
            {
                EvidenceUnit unit;
                try
                {
                    if (!units.MoveNext()) break;
                    unit = units.Current;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    report(new ReadIssue(file.Name, $"cannot read: {ex.GetType().Name}: {ex.Message}"));
                    break;
                }
                yield return unit;
            }
    }

    /// <summary>
    /// A small file read as one unit: sniffed, opened and read in order by the thread that reads it, its events and issues
    /// (opening problems included) in one batch.
    /// </summary>
    private sealed class WholeFileUnit(EvidenceReader reader, EvidenceFile file, long length) : EvidenceUnit(file.Name, 0, length)
    {
        public override EventBatch Read()
        {
            var batch = new EventBatch(this);
            foreach (var unit in reader.UnitsOf(file, Length, batch.Issues.Add))
            {
                var part = EvidencePipeline.ReadSafely(unit);
                batch.Events.AddRange(part.Events);
                batch.Issues.AddRange(part.Issues);
                batch.RecoveredCount += part.RecoveredCount;
                batch.SkippedCount += part.SkippedCount;
            }
            return batch;
        }
    }

    private EvidenceFile? Prepare(string path)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return new EvidenceFile(path, path);
        try
        {
            _tempDir ??= Directory.CreateTempSubdirectory("huntsman-gz-").FullName;
            // The temp name is ours, never derived from the archive, so nothing can escape the folder.
            var target = Path.Combine(_tempDir, $"{FilesSeen:D6}.bin");
            long limit = _options.MaxDecompressedBytes > 0 ? _options.MaxDecompressedBytes : Math.Max(MinExpandedBytes, new FileInfo(path).Length * MaxExpansionRatio);
            using (var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress))
            using (var output = File.Create(target))
            {
                var buffer = new byte[1 << 16];
                long total = 0;
                int n;
                while ((n = input.Read(buffer)) > 0)
                {
                    // A crafted archive can expand without bound; stop before it fills the disk.
                    if ((total += n) > limit) throw new InvalidDataException($"expands to more than {limit:N0} bytes (a decompression bomb?)");
                    output.Write(buffer, 0, n);
                }
            }
            return new EvidenceFile(path, target);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            _report(new ReadIssue(path, $"cannot decompress: {ex.Message}"));
            return null;
        }
    }

    private IEvidenceFormat? Detect(EvidenceFile file, long length, Action<ReadIssue> report)
    {
        // A FIFO, socket or device also has length 0; opening it could block forever, so it is never opened.
        if (length == 0)
        {
            report(new ReadIssue(file.Name, "empty file (or not a regular file)", IssueSeverity.Warning));
            return null;
        }
        if (_options.Format != InputFormat.Auto)
        {
            var forced = _formats.FirstOrDefault(f => f.Format == _options.Format);
            if (forced is null) report(new ReadIssue(file.Name, $"no reader for format {_options.Format}"));
            return forced;
        }
        Span<byte> head = stackalloc byte[4096];
        int n;
        try
        {
            using var fs = new FileStream(file.PhysicalPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            n = fs.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            report(new ReadIssue(file.Name, $"cannot read: {ex.Message}"));
            return null;
        }
        if (n == 0)
        {
            report(new ReadIssue(file.Name, "empty file", IssueSeverity.Warning));
            return null;
        }
        foreach (var f in _formats)
            if (f.Sniff(head[..n], file.Name)) return f;
        var hint = file.Name.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase) ? "not an EVTX file (no ElfFile signature)" : "unknown format, skipped";
        report(new ReadIssue(file.Name, hint, file.Name.EndsWith(".evtx", StringComparison.OrdinalIgnoreCase) ? IssueSeverity.Error : IssueSeverity.Note));
        return null;
    }

    private static long TryLength(string path)
    {
        try { return new FileInfo(path).Length; }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return -1; }
    }

    public void Dispose()
    {
        if (_tempDir is not null)
        {
            try { Directory.Delete(_tempDir, recursive: true); } catch (IOException) { }
        }
    }
}
