using Huntsman.Events;
using Huntsman.Noise.Stack;
using Xunit;

namespace Huntsman.Tests.Noise;

public class StackCounterTests
{
    private static List<WinEvent> Sample()
    {
        var events = new List<WinEvent>();
        long r = 0;
        void Add(string host, string parent, string image, int times)
        {
            for (int i = 0; i < times; i++) events.Add(TestEvents.ProcessStart(host, parent, image, image, ++r));
        }
        Add("PC1", @"C:\Windows\explorer.exe", @"C:\Windows\System32\cmd.exe", 5);
        Add("PC2", @"C:\Windows\explorer.exe", @"C:\Windows\System32\cmd.exe", 3);
        Add("PC1", @"C:\Program Files\Microsoft Office\WINWORD.EXE", @"C:\Windows\System32\rundll32.exe", 1);
        Add("PC3", @"C:\Windows\System32\services.exe", @"C:\Windows\PSEXESVC.exe", 2);
        Add("PC2", @"C:\Windows\System32\services.exe", @"C:\Windows\PSEXESVC.exe", 1);
        // Same tuple in another case: one row, first spelling shown.
        Add("PC3", @"C:\WINDOWS\explorer.exe", @"C:\Windows\system32\CMD.exe", 2);
        events.Add(TestEvents.Pipe("PC1", @"\PSEXESVC", @"C:\Windows\PSEXESVC.exe", ++r));
        events.Add(TestEvents.Security4688("PC4", @"C:\Windows\System32\services.exe", @"C:\Windows\PSEXESVC.exe", "x", ++r));
        return events;
    }

    [Fact]
    public void Counts_match_an_independent_group_by_least_frequent_first()
    {
        var events = Sample();
        var counter = new StackCounter(["ParentImage", "Image"]);
        foreach (var e in events) counter.Observe(e);
        var rows = counter.Rows();

        // Independent count: LINQ over the same events, Image resolved through the 4688 alias as well.
        var expected = events
            .Where(e => e.Get("ParentImage") is not null && e.Get("Image") is not null)
            .GroupBy(e => (e.Get("ParentImage")!.ToLowerInvariant(), e.Get("Image")!.ToLowerInvariant()))
            .Select(g => (g.Key, Count: (long)g.Count(), Hosts: g.Select(e => e.Computer).Distinct().Count()))
            .ToDictionary(x => x.Key, x => (x.Count, x.Hosts));
        Assert.Equal(expected.Count, rows.Count);
        foreach (var row in rows)
        {
            var (count, hosts) = expected[(row.Values[0].ToLowerInvariant(), row.Values[1].ToLowerInvariant())];
            Assert.Equal(count, row.Count);
            Assert.Equal(hosts, row.HostCount);
        }
        Assert.Equal(expected.Values.Sum(v => v.Count), counter.EventsCounted);
        Assert.Equal(1, counter.EventsMissingField); // the pipe event has no ParentImage
        for (int i = 1; i < rows.Count; i++) Assert.True(rows[i - 1].Count <= rows[i].Count);
        Assert.Equal(@"C:\Windows\System32\rundll32.exe", rows[0].Values[1]);
        var cmd = rows[^1];
        Assert.Equal(10, cmd.Count);
        Assert.Equal(["PC1", "PC2", "PC3"], cmd.Hosts);
        Assert.Equal(@"C:\Windows\explorer.exe", cmd.Values[0]);
    }

    [Fact]
    public void Where_filters_and_limit_apply()
    {
        Assert.True(StackFilter.TryParse("Image=*psexesvc.exe", out var image, out _));
        Assert.True(StackFilter.TryParse("Computer!=PC3", out var notPc3, out _));
        var counter = new StackCounter(["Computer"], [image!, notPc3!]);
        foreach (var e in Sample()) counter.Observe(e);
        var rows = counter.Rows();
        // PC2 (1 service start), PC1 (the pipe event's Image), PC4 (4688 through the alias); PC3 excluded.
        Assert.Equal(["PC1", "PC2", "PC4"], rows.Select(r => r.Values[0]).Order());
        Assert.All(rows, r => Assert.Equal(1, r.Count));
        Assert.Single(counter.Rows(limit: 1));
        Assert.False(StackFilter.TryParse("=x", out _, out var error));
        Assert.Contains("FIELD=VALUE", error);
    }

    [Fact]
    public void Tuple_cap_counts_overflow_instead_of_growing()
    {
        var counter = new StackCounter(["CommandLine"], maxTuples: 3);
        for (int i = 0; i < 10; i++) counter.Observe(TestEvents.ProcessStart("PC1", "a.exe", "b.exe", $"b.exe {i}", i + 1));
        Assert.Equal(3, counter.DistinctTuples);
        Assert.Equal(7, counter.EventsOverflowed);
        Assert.Equal(3, counter.EventsCounted);
    }

    [Fact]
    public void Csv_and_json_carry_every_row()
    {
        var counter = new StackCounter(["Image"]);
        counter.Observe(TestEvents.ProcessStart("PC1", "a.exe", @"C:\odd,name"".exe", "x"));
        var csv = new StringWriter();
        StackWriter.WriteCsv(csv, counter, counter.Rows());
        Assert.Equal("Image,count,hosts,host_names\n\"C:\\odd,name\"\".exe\",1,1,PC1\n", csv.ToString().Replace("\r\n", "\n"));
        using var json = new MemoryStream();
        StackWriter.WriteJson(json, counter, counter.Rows());
        using var doc = System.Text.Json.JsonDocument.Parse(json.ToArray());
        Assert.Equal(1, doc.RootElement.GetProperty("rows")[0].GetProperty("count").GetInt32());
        Assert.Equal(@"C:\odd,name"".exe", doc.RootElement.GetProperty("rows")[0].GetProperty("values").GetProperty("Image").GetString());
    }
}
