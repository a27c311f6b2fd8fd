namespace Huntsman.Sigma.Matching;

/// <summary>
/// The chars a reader's formatted scalar can hold (see <see cref="Events.LazyFieldValues.TryGetFreeText"/>): a literal
/// with any other char, compared ignoring case, cannot occur in a number, GUID, SID, time, bool or binary value.
/// </summary>
internal static class FormattedText
{
    // Upper case: digits, hex, 0x, SIDs (S-), times (T, Z), true/false, NaN/Infinity, exponents (E+), punctuation.
    internal const string Alphabet = "0123456789ABCDEFXSTZRULNIY-{}:.+";

    /// <summary>True when <paramref name="literal"/> could occur (ignoring case) in formatted text.</summary>
    public static bool MayContain(string literal)
    {
        foreach (var c in literal)
            if (!Alphabet.Contains(char.ToUpperInvariant(c))) return false;
        return true;
    }
}
