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
}
