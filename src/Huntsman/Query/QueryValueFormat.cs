using System.Globalization;
using Huntsman.Events;

namespace Huntsman.Query;

/// <summary>How result values print: times as ISO 8601 UTC, timespans as KQL does (d.hh:mm:ss), numbers invariant.</summary>
public static class QueryValueFormat
{
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime t => SystemFields.FormatTime(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
        TimeSpan span => span.ToString(span.Days != 0 ? @"d\.hh\:mm\:ss\.FFFFFFF" : @"hh\:mm\:ss\.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.'),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]",
        _ => value.ToString() ?? "",
    };
}
