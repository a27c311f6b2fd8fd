namespace Huntsman.Sigma.Correlation;

/// <summary>Parses Sigma timespans: a positive integer and one unit letter (spec s m h d; pySigma adds w M y).</summary>
internal static class CorrelationTimespan
{
    public static bool TryParse(string text, out TimeSpan span, out string problem)
    {
        span = TimeSpan.Zero;
        problem = "";
        long unitSeconds = text.Length < 2 ? 0 : text[^1] switch
        {
            's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400, 'w' => 604800, 'M' => 2629746, 'y' => 31556952,
            _ => 0,
        };
        var digits = text.AsSpan(0, Math.Max(0, text.Length - 1));
        if (unitSeconds == 0 || digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            problem = $"timespan '{text}' must be a number and a unit (s, m, h, d, w, M, y), e.g. 15m";
            return false;
        }
        if (!long.TryParse(digits, out var count) || count <= 0 || count > TimeSpan.MaxValue.TotalSeconds / unitSeconds)
        {
            problem = $"timespan '{text}' must be greater than zero and at most {(long)TimeSpan.MaxValue.TotalDays} days";
            return false;
        }
        span = TimeSpan.FromSeconds(count * unitSeconds);
        return true;
    }
}
