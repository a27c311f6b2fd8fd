using Huntsman.Events;
using Huntsman.Query;
using Huntsman.Query.Store;
using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Query;

public sealed class CaseStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("huntsman-case-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Log(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, "evidence", name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return path;
    }

    private static IngestSummary Ingest(CaseStore store, List<ReadIssue> issues, params string[] paths) =>
        CaseIngestor.Ingest(store, paths, new ReaderOptions { Threads = 2 }, issues.Add, null, [new LineFormat()]);

    [Fact]
    public void ReingestingTheSameFilesDoesNotDuplicateAndChangedFilesAreReplaced()
    {
        var a = Log("a.testlog", @"WS1;1;C:\Windows\System32\rundll32.exe", @"WS1;1;C:\Windows\cmd.exe");
        Log("b.testlog", @"WS2;1;C:\Windows\System32\rundll32.exe", "garbage");
        var casePath = Path.Combine(_dir, "case.duckdb");
        var issues = new List<ReadIssue>();
        using (var store = CaseStore.Open(casePath))
        {
            var first = Ingest(store, issues, Path.Combine(_dir, "evidence"));
            Assert.Equal((2, 0, 0, 3L), (first.FilesIngested, first.FilesUnchanged, first.FilesReplaced, first.Events));
            Assert.Contains(issues, i => i.Reason == "bad line" && i.LineNumber == 2);
            var again = Ingest(store, issues, Path.Combine(_dir, "evidence"));
            Assert.Equal((0, 2, 0), (again.FilesIngested, again.FilesUnchanged, again.FilesReplaced));
            Assert.Equal(3, store.Count("Event"));
            Assert.Equal(3, store.Count("DeviceProcessEvents"));
        }

        File.AppendAllLines(a, [@"WS1;1;C:\Windows\notepad.exe"]);
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddMinutes(1));
        using (var store = CaseStore.Open(casePath))
        {
            var changed = Ingest(store, issues, Path.Combine(_dir, "evidence"));
            Assert.Equal((1, 1, 1), (changed.FilesIngested, changed.FilesUnchanged, changed.FilesReplaced));
            Assert.Equal(4, store.Count("Event"));
            var r = HuntQuery.Run(store, "DeviceProcessEvents | summarize count() by DeviceName", QueryLanguage.Kql);
            Assert.Equal(["WS1|3", "WS2|1"], r.Rows.Select(x => $"{x[0]}|{x[1]}"));
        }
    }

    [Fact]
    public void ExportsEveryTableAsParquet()
    {
        Log("a.testlog", @"WS1;1;C:\Windows\System32\rundll32.exe", @"WS1;3;C:\Windows\cmd.exe");
        using var store = CaseStore.Open();
        Ingest(store, [], Path.Combine(_dir, "evidence"));
        var files = store.ExportParquet(Path.Combine(_dir, "parquet"));
        Assert.Equal(9, files.Count);
        var count = store.Run($"SELECT count(*) FROM read_parquet('{files.Single(f => Path.GetFileName(f) == "Event.parquet")}')");
        Assert.Equal(2L, Convert.ToInt64(count.Rows[0][0]));
        var fields = store.Run($"SELECT json_extract_string(Fields, '$.Image') FROM read_parquet('{files.Single(f => Path.GetFileName(f) == "Event.parquet")}') ORDER BY 1");
        Assert.Equal([@"C:\Windows\System32\rundll32.exe", @"C:\Windows\cmd.exe"], fields.Rows.Select(r => (string?)r[0]));
    }

    [Fact]
    public void SqlRunsAsWritten()
    {
        using var store = CaseStore.Open();
        CaseIngestor.IngestEvents(store, SyntheticEvidence.Build());
        var r = HuntQuery.Run(store, "SELECT count(*) AS n FROM DeviceProcessEvents WHERE FileName ILIKE 'rundll32.exe'", QueryLanguage.Sql);
        Assert.Equal(SyntheticEvidence.Build().Count(e => Huntsman.Events.Taxonomy.ProcessStart.TryFrom(e, out var p)
            && Path.GetFileName(p.Image.Replace('\\', '/')).Equals("rundll32.exe", StringComparison.OrdinalIgnoreCase)), Convert.ToInt32(r.Rows[0][0]));
    }

    [Theory]
    [InlineData("DeviceProcessEvents | take 1", QueryLanguage.Kql)]
    [InlineData("let x = 1; Event | take 1", QueryLanguage.Kql)]
    [InlineData("index=sysmon | stats count", QueryLanguage.Spl)]
    [InlineData("search Image=*cmd.exe", QueryLanguage.Spl)]
    [InlineData("EventCode=4624 | stats count", QueryLanguage.Spl)]
    [InlineData("rundll32", QueryLanguage.Spl)]
    [InlineData("select 1", QueryLanguage.Sql)]
    public void DetectsTheLanguage(string query, QueryLanguage expected) =>
        Assert.Equal(expected, HuntQuery.Detect(query, ["DeviceProcessEvents", "Event"]));
}
