using System.Globalization;
using System.Text;
using Huntsman.Events;
using Huntsman.Evtx;
using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Evtx;

/// <summary>
/// Every .evtx under shared/data against evtx-reference-counts.tsv (libevtx, python-evtx, Rust evtx):
/// we must reach the highest count on every file, and match first/last record id and the id sums of
/// the reference the table names whenever our count equals that reference's count.
/// </summary>
public sealed class EvtxCorpusTests
{
    /// <summary>Files where we differ from the references on purpose (must fail once an entry agrees again).</summary>
    private static readonly Dictionary<string, string> KnownDifferences = new(StringComparer.Ordinal)
    {
        // Torn record 46741 (trailing size copy 0) decodes without its System values; we fall back to the
        // record header's id where the Rust crate counts it as 0, so the id sums differ by exactly 46741.
        ["evtx/omerbenamram-evtx/samples/sample_with_a_bad_chunk_magic.evtx"] = "torn record keeps its header record id",
    };

    private sealed record Reference(string Path, int[] Counts, long FirstId, long LastId, long IdSum, long EventIdSum, int RefCount);

    private sealed record Measured(int Count, long FirstId, long LastId, long IdSum, long EventIdSum, List<ReadIssue> Issues);

    [SkippableFact]
    public void AllCorpusFilesParseAndReachReferenceCounts()
    {
        var root = SharedData.Require();
        var references = LoadReferences(Path.Combine(root, "evtx-reference-counts.tsv"));
        Assert.Equal(770, references.Count);
        var failures = new StringBuilder();
        var stillDifferent = new HashSet<string>();
        foreach (var reference in references)
        {
            var measured = Parse(Path.Combine(root, reference.Path));
            foreach (var issue in measured.Issues)
                if (issue.File.Length == 0 || (issue.ChunkIndex is null && issue.Offset is null))
                    failures.AppendLine($"{reference.Path}: issue without a place: {issue}");
            var problem = Compare(reference, measured);
            if (KnownDifferences.ContainsKey(reference.Path))
            {
                if (problem is null) failures.AppendLine($"{reference.Path}: listed as a known difference but now agrees; remove it");
                else stillDifferent.Add(reference.Path);
            }
            else if (problem is not null)
                failures.AppendLine($"{reference.Path}: {problem}; {string.Join(" | ", measured.Issues.Take(3))}");
        }
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.Equal(KnownDifferences.Count, stillDifferent.Count);
    }

    /// <summary>
    /// --recover keeps every normally read record as it was and never reports a record twice: slack often holds
    /// stale copies of records that other chunks hold (evtxexport's "recovered" count includes those copies, e.g.
    /// all 25 of Powershell-Invoke-Obfuscation-encoding-menu.evtx, so it is not a lower bound for ours).
    /// </summary>
    [SkippableFact]
    public void RecoveryAddsRecordsWithoutDuplicates()
    {
        var root = SharedData.Require();
        var failures = new StringBuilder();
        long recoveredTotal = 0;
        foreach (var reference in LoadReferences(Path.Combine(root, "evtx-reference-counts.tsv")))
        {
            var bytes = File.ReadAllBytes(Path.Combine(root, reference.Path));
            var normal = EvtxParser.Parse(bytes, new ReaderOptions(), reference.Path);
            var recovered = EvtxParser.Parse(bytes, new ReaderOptions { Recover = true }, reference.Path);
            var kept = recovered.Events.Where(e => !e.Origin.Recovered).Select(e => e.RecordId).ToList();
            var carved = recovered.Events.Where(e => e.Origin.Recovered).Select(e => e.RecordId).ToList();
            recoveredTotal += carved.Count;
            if (!kept.SequenceEqual(normal.Events.Select(e => e.RecordId)))
                failures.AppendLine($"{reference.Path}: normally read records change under --recover");
            if (carved.Count != recovered.RecoveredCount || carved.Distinct().Count() != carved.Count || carved.Any(kept.Contains))
                failures.AppendLine($"{reference.Path}: carved records repeat");
        }
        Assert.True(failures.Length == 0, failures.ToString());
        Assert.True(recoveredTotal > 0, "the corpus has slack records to carve");
    }

    private static string? Compare(Reference r, Measured m)
    {
        int highest = r.Counts.Max();
        if (m.Count < highest) return $"read {m.Count} records, a reference read {highest}";
        if (m.Count != r.RefCount || r.RefCount == 0) return m.Count == highest ? null : $"read {m.Count} records, more than any reference ({highest})";
        if (m.FirstId != r.FirstId || m.LastId != r.LastId) return $"first/last record id {m.FirstId}/{m.LastId}, reference {r.FirstId}/{r.LastId}";
        if (m.IdSum != r.IdSum || m.EventIdSum != r.EventIdSum) return $"record id sum {m.IdSum} / event id sum {m.EventIdSum}, reference {r.IdSum} / {r.EventIdSum}";
        return null;
    }

    private static Measured Parse(string path)
    {
        var issues = new List<ReadIssue>();
        var ids = new List<(long Id, int EventId)>();
        var units = EvtxFormat.Units(EvtxSource.FromFile(path, path), new ReaderOptions(), issues.Add);
        EvidencePipeline.Run(units, b => b, batch =>
        {
            issues.AddRange(batch.Issues);
            foreach (var e in batch.Events) ids.Add((e.RecordId, e.EventId));
        }, 2);
        long idSum = 0, eventSum = 0;
        foreach (var (id, ev) in ids)
        {
            idSum += id;
            eventSum += ev;
        }
        return new Measured(ids.Count, ids.Count > 0 ? ids[0].Id : 0, ids.Count > 0 ? ids[^1].Id : 0, idSum, eventSum, issues);
    }

    private static List<Reference> LoadReferences(string tsv)
    {
        var lines = File.ReadAllLines(tsv);
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name) is var i and >= 0 ? i : throw new InvalidDataException($"column {name} missing");
        int path = Col("path"), ee = Col("evtxexport_records"), py = Col("pyevtx_records"), rs = Col("evtxdump_records");
        int first = Col("first_record_id"), last = Col("last_record_id"), idSum = Col("record_id_sum"), evSum = Col("event_id_sum"), refCol = Col("ref");
        var list = new List<Reference>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            var f = line.Split('\t');
            int[] counts = [Int(f[ee]), Int(f[py]), Int(f[rs])];
            int refCount = f[refCol] switch { "evtxexport" => counts[0], "pyevtx" => counts[1], "evtxdump" => counts[2], _ => 0 };
            list.Add(new Reference(f[path], counts, Long(f[first]), Long(f[last]), Long(f[idSum]), Long(f[evSum]), refCount));
        }
        return list;
    }

    private static int Int(string s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
    private static long Long(string s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
