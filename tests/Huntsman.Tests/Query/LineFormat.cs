using Huntsman.Events;
using Huntsman.Readers;

namespace Huntsman.Tests.Query;

/// <summary>
/// A test-only evidence format (*.testlog, one "host;eventid;Image" event per line), so ingest can be
/// tested on files without depending on the EVTX reader.
/// </summary>
internal sealed class LineFormat : IEvidenceFormat
{
    public InputFormat Format => InputFormat.Json;

    public bool Sniff(ReadOnlySpan<byte> head, string path) => path.EndsWith(".testlog", StringComparison.Ordinal);

    public IEnumerable<EvidenceUnit> Open(EvidenceFile file, ReaderOptions options, Action<ReadIssue> report)
    {
        yield return new Unit(file);
    }

    private sealed class Unit(EvidenceFile file) : EvidenceUnit(file.Name, 0, new FileInfo(file.PhysicalPath).Length)
    {
        public override EventBatch Read()
        {
            var batch = new EventBatch(this);
            long line = 0;
            foreach (var text in System.IO.File.ReadLines(file.PhysicalPath))
            {
                line++;
                var parts = text.Split(';');
                if (parts.Length != 3 || !int.TryParse(parts[1], out var id))
                {
                    batch.Issues.Add(new ReadIssue(File, "bad line", LineNumber: line));
                    continue;
                }
                var e = new WinEvent
                {
                    Computer = parts[0], EventId = id, Channel = Huntsman.Events.Taxonomy.Channels.Sysmon, RecordId = line,
                    TimeCreated = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(line),
                    Origin = new EventOrigin(File, 0, 0, line),
                };
                e.Add("Image", parts[2]);
                e.Add("ProcessId", line.ToString());
                batch.Events.Add(e);
            }
            return batch;
        }
    }
}
