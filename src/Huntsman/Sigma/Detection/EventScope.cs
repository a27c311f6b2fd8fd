using System.Collections.Frozen;
using System.Runtime.InteropServices;
using Huntsman.Events;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// One thread's view of the event being matched: remembers each field a rule asks for, so a field is
/// looked up once per event however many rules test it. Payload fields are kept as <see cref="EventField"/>s,
/// not strings: matchers read <see cref="EventField.Chars"/>, so a lazily decoded value is never turned into
/// a string just to be rejected. Not thread-safe; one per thread.
/// </summary>
internal sealed class EventScope
{
    private EventField[] _values; // Name is null when the event has no such field
    private int[] _stamps;
    private TextSource[] _texts;
    private int[] _textStamps;
    private int _generation;
    private readonly FrozenDictionary<string, int> _slots;
    // Field names of parsed events are the same string instances event after event (template names): a small
    // identity-keyed cache of name -> slot (-1: no rule uses it) skips hashing the name's characters per event.
    private readonly (string? Name, int Slot)[] _nameSlots = new (string?, int)[NameCacheSize];
    private const int NameCacheSize = 512;

    /// <param name="fields">Every field rules use; payload fields with these names are found in one pass per event.</param>
    public EventScope(IReadOnlyList<FieldRef> fields)
    {
        _values = new EventField[Math.Max(fields.Count, 1)];
        _stamps = new int[_values.Length];
        _texts = new TextSource[_values.Length];
        _textStamps = new int[_values.Length];
        _slots = fields.ToFrozenDictionary(f => f.Name, f => f.Index, StringComparer.OrdinalIgnoreCase);
    }

    public WinEvent Event { get; private set; } = null!;

    private ulong[] _candidates = [];

    /// <summary>Scratch bitset for the prefilter of one bucket: at least <paramref name="words"/> words, contents left over.</summary>
    public ulong[] Candidates(int words)
    {
        if (_candidates.Length < words) _candidates = new ulong[words];
        return _candidates;
    }

    /// <summary>
    /// Starts a new event: one pass over its payload fills the slot of every field a rule uses (first
    /// occurrence wins, as in <see cref="WinEvent.GetPayload"/>); names with spaces also fill the slot of
    /// the name without them (Sigma spells Defender's "Source Name" SourceName). Values are not read here.
    /// </summary>
    public void Reset(WinEvent e)
    {
        Event = e;
        if (++_generation == int.MaxValue)
        {
            Array.Clear(_stamps);
            Array.Clear(_textStamps);
            _freeText.Forget();
            _allText.Forget();
            _generation = 1;
        }
        foreach (var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(e.Fields))
        {
            int slot = SlotOf(f.Name);
            if (slot < 0 || _stamps[slot] == _generation) continue;
            _values[slot] = f;
            _stamps[slot] = _generation;
        }
    }

    private readonly JoinedText _freeText = new(withFormatted: false), _allText = new(withFormatted: true);

    /// <summary>
    /// Every payload field's text, one field per line (<paramref name="withFormatted"/> false leaves out numbers, GUIDs,
    /// SIDs and times, and may take a record's values as one span with stray chars between them, see
    /// <see cref="LazyFieldValues.TryGetFreeTextSpan"/>): a keyword literal occurs in some field only if it occurs here, and
    /// one scan of this costs far less than a scan per field. For the prefilter only: it may find a literal no field holds.
    /// Made once per event.
    /// </summary>
    public ReadOnlySpan<char> AllText(bool withFormatted) => (withFormatted ? _allText : _freeText).Of(Event, _generation);

    private sealed class JoinedText(bool withFormatted)
    {
        private char[] _chars = new char[1024];
        private int _length, _generation;

        public void Forget() => _generation = 0;

        public ReadOnlySpan<char> Of(WinEvent e, int generation)
        {
            if (_generation == generation) return _chars.AsSpan(0, _length);
            _length = 0;
            // The lazy values of a parsed record can give all their free text in one span: one copy instead of a call per field.
            LazyFieldValues? covered = null, refused = null;
            foreach (ref readonly var f in CollectionsMarshal.AsSpan(e.Fields))
            {
                ReadOnlySpan<char> text;
                if (withFormatted) text = f.Chars;
                else
                {
                    if (f.LazyValues is { } lazy && !ReferenceEquals(lazy, refused))
                    {
                        if (ReferenceEquals(lazy, covered)) continue;
                        if (lazy.TryGetFreeTextSpan(out text))
                        {
                            covered = lazy;
                            Append(text);
                            continue;
                        }
                        refused = lazy;
                    }
                    if (!f.TryGetFreeText(out text)) continue;
                }
                Append(text);
            }
            _generation = generation;
            return _chars.AsSpan(0, _length);
        }

        private void Append(ReadOnlySpan<char> text)
        {
            if (_length + text.Length + 1 > _chars.Length) Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _length + text.Length + 1));
            text.CopyTo(_chars.AsSpan(_length));
            _length += text.Length;
            _chars[_length++] = '\n';
        }
    }

    private int SlotOf(string name)
    {
        ref var cached = ref _nameSlots[System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(name) & (NameCacheSize - 1)];
        if (ReferenceEquals(cached.Name, name)) return cached.Slot;
        int slot = _slots.TryGetValue(name, out var s) || (name.Contains(' ') && _slots.TryGetValue(name.Replace(" ", ""), out s)) ? s : -1;
        cached = (name, slot);
        return slot;
    }

    /// <summary>The field's text, rendered to a string (null when absent). Prefer <see cref="TryGetChars"/>.</summary>
    public string? Get(FieldRef field)
    {
        ref readonly var f = ref Slot(field);
        return f.Name is null ? null : f.Value;
    }

    /// <summary>The field's characters without making a string where the event holds them as text; false when absent.</summary>
    public bool TryGetChars(FieldRef field, out ReadOnlySpan<char> chars)
    {
        // Rules read the same fields dozens of times per event: after the first read, where the text is stored is cached,
        // so later reads slice it instead of asking the event's lazy values again (a virtual call and a slot decode).
        int i = field.Index;
        if (i < _texts.Length && _textStamps[i] == _generation)
        {
            ref readonly var t = ref _texts[i];
            if (t.Source is { } source)
            {
                chars = View(source, t.Start, t.Length);
                return true;
            }
            if (t.Length < 0)
            {
                chars = default;
                return false;
            }
        }
        return FirstRead(field, out chars);
    }

    private bool FirstRead(FieldRef field, out ReadOnlySpan<char> chars)
    {
        ref readonly var f = ref Slot(field);
        int i = field.Index;
        if (i >= _texts.Length)
        {
            Array.Resize(ref _texts, _values.Length);
            Array.Resize(ref _textStamps, _values.Length);
        }
        _textStamps[i] = _generation;
        if (f.Name is null)
        {
            _texts[i] = new TextSource(null, 0, -1);
            chars = default;
            return false;
        }
        // Values only Chars can produce (formatted by the reader, or from a reader that keeps no text) stay uncached: Source null, Length 0.
        if (!f.TryGetTextSource(out var source, out int start, out int length))
        {
            _texts[i] = default;
            chars = f.Chars;
            return true;
        }
        _texts[i] = new TextSource(source, start, length);
        chars = View(source!, start, length);
        return true;
    }

    private static ReadOnlySpan<char> View(object source, int start, int length) => source is string text
        ? text.AsSpan(start, length)
        : MemoryMarshal.Cast<byte, char>(new ReadOnlySpan<byte>((byte[])source, start, length * sizeof(char)));

    /// <summary>A field's text as stored: a string (char offset) or UTF-16LE bytes (byte offset); null source with length -1 when absent.</summary>
    private readonly record struct TextSource(object? Source, int Start, int Length);

    private ref readonly EventField Slot(FieldRef field)
    {
        var i = field.Index;
        if (i >= _values.Length) Grow(i + 1);
        if (_stamps[i] != _generation)
        {
            // Not in the payload (Reset saw every payload name): System fields, then taxonomy aliases.
            var v = i < _slots.Count ? SystemFields.Get(Event, field.Name) ?? FieldTaxonomy.ResolveAlias(Event, field.Name) : Lookup(Event, field.Name);
            _values[i] = v is null ? default : new EventField(field.Name, v);
            _stamps[i] = _generation;
        }
        return ref _values[i];
    }

    /// <summary>
    /// <see cref="WinEvent.Get"/>, plus Sigma's convention that a field name has its spaces removed
    /// (Defender's "Source Name" is SourceName in rules).
    /// </summary>
    internal static string? Lookup(WinEvent e, string name)
    {
        if (e.Get(name) is { } v) return v;
        foreach (var f in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(e.Fields))
            if (f.Name.Contains(' ') && EqualsIgnoringSpaces(f.Name, name)) return f.Value;
        return null;
    }

    private static bool EqualsIgnoringSpaces(string withSpaces, string name)
    {
        int j = 0;
        foreach (var c in withSpaces)
        {
            if (c == ' ') continue;
            if (j >= name.Length || char.ToUpperInvariant(c) != char.ToUpperInvariant(name[j])) return false;
            j++;
        }
        return j == name.Length;
    }

    private void Grow(int size)
    {
        Array.Resize(ref _values, size * 2);
        Array.Resize(ref _stamps, size * 2);
    }
}
