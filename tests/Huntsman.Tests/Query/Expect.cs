using System.Globalization;
using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Query;
using Xunit;

namespace Huntsman.Tests.Query;

/// <summary>Helpers for the LINQ side of the comparisons, written without the store's code.</summary>
internal static class Expect
{
    public static object?[] Row(params object?[] values) => values;

    public static string Base(string? path)
    {
        if (string.IsNullOrEmpty(path)) return "";
        var i = path.LastIndexOfAny(['\\', '/']);
        return i < 0 ? path : path[(i + 1)..];
    }

    public static IEnumerable<ProcessStart> Processes(IEnumerable<WinEvent> events)
    {
        foreach (var e in events)
            if (ProcessStart.TryFrom(e, out var p)) yield return p;
    }

    public static bool IsSysmon(WinEvent e) => e.Channel == Channels.Sysmon;
    public static bool IsSecurity(WinEvent e) => e.Channel == Channels.Security;

    /// <summary>KQL 'has': the needle occurs with no letter or digit right before or after it.</summary>
    public static bool Has(string? text, string needle, bool caseSensitive = false)
    {
        if (string.IsNullOrEmpty(text)) return false;
        var cmp = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (int i = text.IndexOf(needle, cmp); i >= 0; i = text.IndexOf(needle, i + 1, cmp))
        {
            bool before = i == 0 || !char.IsLetterOrDigit(text[i - 1]);
            int end = i + needle.Length;
            bool after = end >= text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after) return true;
        }
        return false;
    }

    public static long? Id(string? text) => ProcessStart.TryParseId(text, out var v) ? v : null;

    public static DateTime Bin(DateTime t, TimeSpan size) => new(t.Ticks - t.Ticks % size.Ticks, DateTimeKind.Utc);

    /// <summary>Runs the query and asserts its rows equal the expected rows.</summary>
    public static void Matches(Huntsman.Query.Store.CaseStore store, IReadOnlyList<WinEvent> events, QueryCase c, QueryLanguage language)
    {
        var result = HuntQuery.Run(store, c.Query, language);
        var actual = result.Rows.Select(Key).ToList();
        var expected = c.Expected(events).Select(Key).ToList();
        if (!c.Ordered)
        {
            actual.Sort(StringComparer.Ordinal);
            expected.Sort(StringComparer.Ordinal);
        }
        if (!expected.SequenceEqual(actual))
        {
            var missing = expected.Except(actual).Take(5);
            var extra = actual.Except(expected).Take(5);
            Assert.Fail($"{c.Name}: expected {expected.Count} rows, got {actual.Count}.\nmissing: {string.Join(" ; ", missing)}\nextra: {string.Join(" ; ", extra)}\n"
                        + $"first expected: {string.Join(" ; ", expected.Take(3))}\nfirst actual: {string.Join(" ; ", actual.Take(3))}\nSQL: {result.Sql}");
        }
    }

    private static string Key(object?[] row) => string.Join(" \u2502 ", row.Select(v => v switch
    {
        int i => ((long)i).ToString(CultureInfo.InvariantCulture),
        decimal d => ((double)d).ToString("R", CultureInfo.InvariantCulture),
        _ => QueryValueFormat.Format(v),
    }));
}
