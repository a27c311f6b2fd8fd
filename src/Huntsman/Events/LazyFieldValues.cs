namespace Huntsman.Events;

/// <summary>
/// Values a reader keeps undecoded until someone asks (see <see cref="EventField"/>). Implementations must be
/// safe to read from several threads: rendering is deterministic, so a race renders the same text twice.
/// </summary>
public abstract class LazyFieldValues
{
    /// <summary>The text of value <paramref name="index"/>, rendered once and then cached.</summary>
    public abstract string Render(int index);

    /// <summary>The characters of value <paramref name="index"/>; override to avoid the string where the bytes are text.</summary>
    public virtual ReadOnlySpan<char> Chars(int index) => Render(index);

    /// <summary>
    /// False when value <paramref name="index"/> is a number, GUID, SID, time or binary: its text is generated (digits, hex,
    /// punctuation), never free text, so a search for text such as "%%" may skip it without rendering it.
    /// </summary>
    public virtual bool HoldsText(int index) => true;

    /// <summary>
    /// Where value <paramref name="index"/> is stored as UTF-16LE text: an array that lives as long as this object, the
    /// byte offset of the text and its length in chars, so a caller reading the value many times can slice it without
    /// asking again. False when the value is not stored as UTF-16 (use <see cref="Chars"/>).
    /// </summary>
    public virtual bool TryGetUtf16(int index, out byte[]? bytes, out int offset, out int length)
    {
        bytes = null;
        offset = length = 0;
        return false;
    }

    /// <summary>
    /// The characters of value <paramref name="index"/>, or false (without rendering) when the value is a scalar the reader
    /// formats itself: a number, hex number, GUID, SID, time, bool or binary. Such text holds only ASCII digits, the letters
    /// of A-F, X, S, T, Z, "true", "false", "NaN", "Infinity" (any case) and the punctuation <c>- { } : . +</c>, so a search
    /// for text with any other char may skip it. Arrays, nested XML and strings are never skipped.
    /// </summary>
    public virtual bool TryGetFreeText(int index, out ReadOnlySpan<char> chars)
    {
        chars = Chars(index);
        return true;
    }

    /// <summary>
    /// The free text of every value at once (what <see cref="TryGetFreeText"/> gives for each), for a search that only asks
    /// whether a text occurs in some value: each such value's characters lie whole in <paramref name="chars"/>, which may also
    /// hold other characters before, between and after them. False when the values cannot give one span; ask value by value then.
    /// </summary>
    public virtual bool TryGetFreeTextSpan(out ReadOnlySpan<char> chars)
    {
        chars = default;
        return false;
    }
}
