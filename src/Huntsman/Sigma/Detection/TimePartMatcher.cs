using System.Globalization;

namespace Huntsman.Sigma.Detection;

internal enum TimePart { Minute, Hour, Day, Week, Month, Year }

/// <summary>
/// Time-part modifiers (spec 2.1 appendix): extract minute/hour/day/ISO week/month/year from the
/// field's timestamp as written (no time-zone conversion) and compare it with the number.
/// </summary>
internal sealed class TimePartMatcher(TimePart part, CompareOp op, double bound) : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return false;
        var d = t.DateTime;
        int n = part switch
        {
            TimePart.Minute => d.Minute,
            TimePart.Hour => d.Hour,
            TimePart.Day => d.Day,
            TimePart.Week => ISOWeek.GetWeekOfYear(d),
            TimePart.Month => d.Month,
            _ => d.Year,
        };
        return CompareMatcher.Compare(op, n, bound);
    }
}
