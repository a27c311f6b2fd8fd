namespace Huntsman.Sigma.Detection;

/// <summary>Whole-value equality; a numeric literal also equals the same number written otherwise (hex/decimal).</summary>
internal sealed class EqualsMatcher(string literal, StringComparison comparison) : ValueMatcher
{
    private readonly long? _number = NumericText.TryParseInteger(literal, out var n) ? n : null;
    public string Literal { get; } = literal;

    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope)
    {
        if (!present) return false;
        if (value.Equals(Literal, comparison)) return true;
        return _number is { } n && NumericText.TryParseInteger(value, out var v) && v == n;
    }

    public override long? ExactInteger => _number;

    // A numeric literal also matches other spellings of the number, so it is not required text.
    public override string? RequiredLiteral => _number is null ? Literal : null;
    public override LiteralPosition RequiredPosition => LiteralPosition.Whole;
}

internal sealed class ContainsMatcher(string literal, StringComparison comparison) : ValueMatcher
{
    private readonly IgnoreCaseNeedle? _needle = comparison == StringComparison.OrdinalIgnoreCase ? new IgnoreCaseNeedle(literal) : null;
    public string Literal { get; } = literal;
    public bool IgnoresCase => _needle is not null;

    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) =>
        present && (_needle?.IsIn(value) ?? value.Contains(Literal, comparison));
    public override string? RequiredLiteral => Literal;
}

internal sealed class StartsWithMatcher(string literal, StringComparison comparison) : ValueMatcher
{
    public string Literal { get; } = literal;
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) => present && value.StartsWith(Literal, comparison);
    public override string? RequiredLiteral => Literal;
    public override LiteralPosition RequiredPosition => LiteralPosition.Start;
}

internal sealed class EndsWithMatcher(string literal, StringComparison comparison) : ValueMatcher
{
    public string Literal { get; } = literal;
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) => present && value.EndsWith(Literal, comparison);
    public override string? RequiredLiteral => Literal;
    public override LiteralPosition RequiredPosition => LiteralPosition.End;
}

/// <summary><c>*</c> alone: any present value.</summary>
internal sealed class AnyValueMatcher : ValueMatcher
{
    public override bool Matches(ReadOnlySpan<char> value, bool present, EventScope scope) => present;
}
