using System.Net;

namespace Huntsman.Sigma.Detection;

/// <summary>Sigma <c>null</c>: the field is absent or empty (EVTX renders a null data item as empty).</summary>
internal sealed class NullMatcher : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) => !present || value.IsEmpty;
}

/// <summary><c>|exists</c>: presence only, whatever the value (empty included).</summary>
internal sealed class ExistsMatcher(bool shouldExist) : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) => present == shouldExist;
}

/// <summary>A YAML number: equal when the field text is the same number (decimal or hex) or the same text.</summary>
internal sealed class NumberMatcher(double number, string text) : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) =>
        present && (value.Equals(text, StringComparison.OrdinalIgnoreCase) || (NumericText.TryParseNumber(value, out var v) && v == number));

    public override long? ExactInteger => number == Math.Floor(number) && Math.Abs(number) < 1e15 ? (long)number : null;
}

internal enum CompareOp { Lt, Lte, Gt, Gte, Eq }

/// <summary><c>|lt</c> … <c>|gte</c>: the field parses as a number and compares.</summary>
internal sealed class CompareMatcher(CompareOp op, double bound) : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) =>
        present && NumericText.TryParseNumber(value, out var v) && Compare(op, v, bound);

    public static bool Compare(CompareOp op, double v, double bound) => op switch
    {
        CompareOp.Lt => v < bound,
        CompareOp.Lte => v <= bound,
        CompareOp.Gt => v > bound,
        CompareOp.Gte => v >= bound,
        _ => v == bound,
    };
}

/// <summary>A YAML boolean: the field text is true/false (case-insensitive).</summary>
internal sealed class BoolMatcher(bool expected) : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) =>
        present && value.Trim().Equals(expected ? "true" : "false", StringComparison.OrdinalIgnoreCase);
}

/// <summary><c>|cidr</c>: the field is an IPv4/IPv6 address inside the network.</summary>
internal sealed class CidrMatcher(IPNetwork network) : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present || !IPAddress.TryParse(value.Trim(), out var ip)) return false;
        if (ip.IsIPv4MappedToIPv6 && network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            ip = ip.MapToIPv4();
        return network.Contains(ip);
    }
}

internal enum FieldRefMode { Equals, Contains, StartsWith, EndsWith }

/// <summary><c>|fieldref</c>: compares with another field of the same event (case-insensitive).</summary>
internal sealed class FieldRefMatcher(FieldRef other, FieldRefMode mode, bool cased) : ValueMatcher
{
    public FieldRef Other { get; } = other;

    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present || !scope.TryGetChars(Other, out var o)) return false;
        var cmp = cased ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        return mode switch
        {
            FieldRefMode.Contains => value.Contains(o, cmp),
            FieldRefMode.StartsWith => value.StartsWith(o, cmp),
            FieldRefMode.EndsWith => value.EndsWith(o, cmp),
            _ => value.Equals(o, cmp),
        };
    }
}
