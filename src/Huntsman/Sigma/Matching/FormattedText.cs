namespace Huntsman.Sigma.Matching;

/// <summary>
/// What a reader's formatted scalar can look like (see <see cref="Events.LazyFieldValues.TryGetFreeText"/>): numbers, hex,
/// GUIDs, SIDs, times and binary use only <see cref="Symbols"/>; bools and special reals are whole <see cref="Words"/>.
/// A literal that fits neither, compared ignoring case, cannot occur in such a value.
/// </summary>
internal static class FormattedText
{
    /// <summary>Upper case: digits, hex, 0x, SIDs (S-), times (T, Z), exponents (E+), GUID and time punctuation.</summary>
    internal const string Symbols = "0123456789ABCDEFXSTZ-{}:.+";

    internal static readonly string[] Words = ["-Infinity", "NaN", "true", "false"];

    /// <summary>True when <paramref name="literal"/> could occur (ignoring case) in formatted text.</summary>
    public static bool MayContain(string literal)
    {
        bool symbolsOnly = true;
        foreach (var c in literal)
            if (!Symbols.Contains(char.ToUpperInvariant(c))) { symbolsOnly = false; break; }
        if (symbolsOnly) return true;
        foreach (var word in Words)
            if (word.Contains(literal, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
