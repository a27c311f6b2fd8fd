namespace Huntsman.Query.Syntax;

/// <summary>KQL timespan literal units (1d, 2h, 30m, 10s, 100ms, 5microsecond, 10tick) in microseconds.</summary>
internal static class TimeSpanUnits
{
    public static bool IsUnit(string unit) => Microseconds(unit) is not null;

    public static double? Microseconds(string unit) => unit switch
    {
        "d" or "day" or "days" => 86_400_000_000d,
        "h" or "hr" or "hrs" or "hour" or "hours" => 3_600_000_000d,
        "m" or "min" or "minute" or "minutes" => 60_000_000d,
        "s" or "sec" or "second" or "seconds" => 1_000_000d,
        "ms" or "milli" or "millis" or "millisecond" or "milliseconds" => 1_000d,
        "microsecond" or "microseconds" => 1d,
        "tick" or "ticks" => 0.1d,
        _ => null,
    };

    /// <summary>Parses "1h", "1.5d" into microseconds.</summary>
    public static long Parse(string literal)
    {
        int i = 0;
        while (i < literal.Length && (char.IsAsciiDigit(literal[i]) || literal[i] == '.')) i++;
        var number = double.Parse(literal.AsSpan(0, i), System.Globalization.CultureInfo.InvariantCulture);
        return (long)Math.Round(number * Microseconds(literal[i..])!.Value);
    }
}
