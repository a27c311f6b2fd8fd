using System.Runtime.CompilerServices;

namespace Huntsman.Events;

/// <summary>
/// A payload field. Its value is either a string or, for readers that can defer the work (EVTX), an entry of a
/// <see cref="LazyFieldValues"/> rendered on first use: most fields of most events are never looked at.
/// </summary>
public readonly struct EventField : IEquatable<EventField>
{
    private readonly object _value; // string, or LazyFieldValues
    private readonly int _index;

    public EventField(string name, string value)
    {
        Name = name;
        _value = value;
    }

    public EventField(string name, LazyFieldValues values, int index)
    {
        Name = name;
        _value = values;
        _index = index;
    }

    public string Name { get; }

    /// <summary>The value as text; rendered once on first use when it is lazy.</summary>
    public string Value => _value as string ?? Unsafe.As<LazyFieldValues>(_value).Render(_index);

    /// <summary>The value's characters, without allocating a string when the source holds the text as UTF-16.</summary>
    public ReadOnlySpan<char> Chars => _value is string s ? s : Unsafe.As<LazyFieldValues>(_value).Chars(_index);

    /// <summary>
    /// Where the value's characters are kept, for a caller that reads them many times: <paramref name="text"/> (a string,
    /// or UTF-16LE bytes from byte <paramref name="start"/>) and the length in chars. False when only <see cref="Chars"/> can produce them.
    /// </summary>
    public bool TryGetTextSource(out object? text, out int start, out int length)
    {
        if (_value is string s)
        {
            (text, start, length) = (s, 0, s.Length);
            return true;
        }
        bool stored = Unsafe.As<LazyFieldValues>(_value).TryGetUtf16(_index, out var bytes, out start, out length);
        text = bytes;
        return stored;
    }

    /// <summary>The value's characters, or false when it is a formatted scalar (see <see cref="LazyFieldValues.TryGetFreeText"/>).</summary>
    public bool TryGetFreeText(out ReadOnlySpan<char> chars)
    {
        if (_value is string s)
        {
            chars = s;
            return true;
        }
        return Unsafe.As<LazyFieldValues>(_value).TryGetFreeText(_index, out chars);
    }

    /// <summary>The reader's undecoded values this field's value is one of; null when the value is a string.</summary>
    public LazyFieldValues? LazyValues => _value is string ? null : Unsafe.As<LazyFieldValues>(_value);

    /// <summary>False when the value is known to be generated text (a number, GUID, SID, time, binary): see <see cref="LazyFieldValues.HoldsText"/>.</summary>
    public bool HoldsText => _value is string || Unsafe.As<LazyFieldValues>(_value).HoldsText(_index);

    public void Deconstruct(out string name, out string value)
    {
        name = Name;
        value = Value;
    }

    public bool Equals(EventField other) => Name == other.Name && Value == other.Value;
    public override bool Equals(object? obj) => obj is EventField other && Equals(other);
    public override int GetHashCode() => HashCode.Combine(Name, Value);
    public static bool operator ==(EventField a, EventField b) => a.Equals(b);
    public static bool operator !=(EventField a, EventField b) => !a.Equals(b);
    public override string ToString() => $"{Name}={Value}";
}
