using Huntsman.Query;
using Xunit;

namespace Huntsman.Tests.Query;

/// <summary>Queries that cannot run give a positioned error (line:col and a caret), never a wrong answer.</summary>
public sealed class QueryErrorTests(SyntheticCase c) : IClassFixture<SyntheticCase>
{
    private QueryException Fails(string query, QueryLanguage language)
    {
        var ex = Assert.Throws<QueryException>(() => HuntQuery.Run(c.Store, query, language));
        var rendered = ex.Render();
        Assert.Contains("^", rendered);
        Assert.StartsWith($"{ex.Position.Line}:{ex.Position.Column}: ", rendered);
        return ex;
    }

    [Theory]
    [InlineData("DeviceProcesEvents | take 1", 1, 1, "unknown table 'DeviceProcesEvents'")]
    [InlineData("deviceprocessevents | take 1", 1, 1, "did you mean 'DeviceProcessEvents'")]
    [InlineData("DeviceProcessEvents\n| where FileNme == \"x\"", 2, 9, "unknown column 'FileNme'")]
    [InlineData("DeviceProcessEvents | where filename == \"x\"", 1, 29, "did you mean 'FileName'")]
    [InlineData("DeviceProcessEvents | wher FileName == \"x\"", 1, 23, "unknown or unsupported operator 'wher'")]
    [InlineData("DeviceProcessEvents | Where FileName == \"x\"", 1, 23, "did you mean 'where'")]
    [InlineData("DeviceProcessEvents | mv-expand X", 1, 23, "unknown or unsupported operator 'mv'")]
    [InlineData("DeviceProcessEvents | where FileName == \"rundll32.exe", 1, 41, "unbalanced quote")]
    [InlineData("DeviceProcessEvents | where Timestamp > \"2024-01-01\"", 1, 39, "cannot compare datetime with string")]
    [InlineData("DeviceProcessEvents | where ProcessId == \"1000\"", 1, 39, "cannot compare long with string")]
    [InlineData("DeviceProcessEvents | extend X = FileName + 1", 1, 43, "'+' cannot combine string and long")]
    [InlineData("DeviceProcessEvents | summarize sum(FileName)", 1, 37, "sum() argument must be")]
    [InlineData("DeviceProcessEvents | where FileName", 1, 29, "must be a bool expression")]
    [InlineData("DeviceProcessEvents | where tolowr(FileName) == \"x\"", 1, 29, "unknown function 'tolowr'")]
    [InlineData("DeviceProcessEvents | where FileName == \"x\" | project", 1, 54, "expression expected but the query ended")]
    [InlineData("DeviceProcessEvents | summarize count() by bin(Timestamp, 1y)", 1, 60, "unknown timespan unit 'y'")]
    [InlineData("DeviceProcessEvents | join kind=fancy (DeviceNetworkEvents) on DeviceName", 1, 23, "join kind 'fancy' is not supported")]
    [InlineData("DeviceProcessEvents | where FileName == \"C:\\Windows\"", 1, 44, "unknown escape sequence")]
    [InlineData("DeviceProcessEvents | where (FileName == \"x\"", 1, 45, "expected ')'")]
    public void Kql(string query, int line, int column, string message)
    {
        var ex = Fails(query, QueryLanguage.Kql);
        Assert.Contains(message, ex.Message);
        Assert.Equal((line, column), (ex.Position.Line, ex.Position.Column));
    }

    [Theory]
    [InlineData("index=sysmon | statz count", 1, 16, "unknown or unsupported command 'statz'")]
    [InlineData("index=sysmon Image=\"*rundll32.exe", 1, 20, "unbalanced quote")]
    [InlineData("index=sysmon (Image=x", 1, 14, "unbalanced '('")]
    [InlineData("index=sysmon | stats median(x)", 1, 22, "unsupported stats function 'median'")]
    [InlineData("index=sysmon | where lowr(Image) == \"x\"", 1, 22, "unknown function 'lowr'")]
    [InlineData("index=sysmon | where Image", 1, 22, "must be a bool expression")]
    [InlineData("index=sysmon | head x", 1, 21, "unexpected 'x' in 'head'")]
    [InlineData("index=sysmon | rex \"(?<x>.*)\"", 1, 20, "rex needs field=")]
    [InlineData("index=sysmon | table Image*", 1, 27, "wildcard field names are not supported")]
    public void Spl(string query, int line, int column, string message)
    {
        var ex = Fails(query, QueryLanguage.Spl);
        Assert.Contains(message, ex.Message);
        Assert.Equal((line, column), (ex.Position.Line, ex.Position.Column));
    }

    [Fact]
    public void RenderPutsTheCaretUnderTheColumn()
    {
        var ex = Fails("DeviceProcessEvents\n| where FileNme == \"x\"", QueryLanguage.Kql);
        var lines = ex.Render().Split('\n');
        Assert.Equal("  | where FileNme == \"x\"", lines[1]);
        Assert.Equal("          ^", lines[2]);
    }

    [Fact]
    public void UnknownOperatorListsWhatIsSupported()
    {
        var ex = Fails("DeviceProcessEvents | mv-expand X", QueryLanguage.Kql);
        Assert.Contains("summarize", ex.Hint);
        Assert.Contains("project-away", ex.Hint);
    }
}

public sealed class HostileQueryTests(SyntheticCase c) : IClassFixture<SyntheticCase>
{
    [Theory]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | where ", "(", "FileName == \"x\"", ")")]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | where ", "not(", "FileName == \"x\"", ")")]
    [InlineData(QueryLanguage.Kql, "", "(", "DeviceProcessEvents", ")")]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | extend X = ", "-", "1", "")]
    [InlineData(QueryLanguage.Spl, "index=sysmon ", "(", "Image=x", ")")]
    [InlineData(QueryLanguage.Spl, "index=sysmon ", "NOT ", "Image=x", "")]
    [InlineData(QueryLanguage.Spl, "index=sysmon | where ", "(", "Image==\"x\"", ")")]
    public void DeepNestingIsRefusedNotAStackOverflow(QueryLanguage language, string prefix, string open, string inner, string close)
    {
        var query = prefix + string.Concat(Enumerable.Repeat(open, 100_000)) + inner + string.Concat(Enumerable.Repeat(close, 100_000));
        var ex = Assert.Throws<QueryException>(() => HuntQuery.Run(c.Store, query, language));
        Assert.Contains("nested deeper than", ex.Message);
    }

    [Theory]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | take 99999999999999999999999")]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | where ProcessId == 99999999999999999999999")]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | where FileName == '\0'\u0001")]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | where FileName == \"x\"; drop table Event")]
    [InlineData(QueryLanguage.Kql, "DeviceProcessEvents | summarize count() by bin(Timestamp, 0s)")]
    [InlineData(QueryLanguage.Spl, "index=sysmon | head 99999999999999999999999")]
    [InlineData(QueryLanguage.Spl, "index=sysmon | rex field=CommandLine \"(?<x>\"")]
    [InlineData(QueryLanguage.Spl, "index=sysmon \"")]
    [InlineData(QueryLanguage.Spl, "index=sysmon | eval")]
    public void MalformedQueriesGiveAPositionedError(QueryLanguage language, string query)
    {
        var ex = Record.Exception(() => HuntQuery.Run(c.Store, query, language));
        Assert.True(ex is QueryException or InvalidOperationException, $"{ex?.GetType().Name}: {ex?.Message}");
        if (ex is QueryException q) Assert.InRange(q.Position.Index, 0, query.Length);
    }

    [Fact]
    public void QuotesInValuesCannotEscapeTheSqlLiteral()
    {
        var r = HuntQuery.Run(c.Store, "DeviceProcessEvents | where FileName == \"x'); DROP TABLE EventStore; --\" | count", QueryLanguage.Kql);
        Assert.Equal(0L, Convert.ToInt64(r.Rows[0][0]));
        var s = HuntQuery.Run(c.Store, "index=sysmon Image=\"x'); DROP TABLE EventStore; --\" | stats count", QueryLanguage.Spl);
        Assert.Equal(0L, Convert.ToInt64(s.Rows[0][0]));
        Assert.True(c.Store.Count("Event") > 0);
    }
}
