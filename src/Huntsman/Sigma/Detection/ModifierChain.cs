using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace Huntsman.Sigma.Detection;

/// <summary>
/// Applies a detection item's modifiers in order (spec appendix; pySigma semantics) to its values.
/// Each value becomes a group of alternatives (windash, base64offset and expand expand one value
/// into several, which are always OR-ed); <c>all</c> AND-links the groups, <c>neq</c> negates the item.
/// </summary>
internal sealed class ModifierChain
{
    private static readonly char[] Dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];

    public bool LinkAll { get; private set; }
    public bool Negate { get; private set; }
    public List<List<SigmaValue>> Groups { get; } = new();

    private readonly RuleLoadOptions _options;
    private readonly Mark _at;

    private ModifierChain(RuleLoadOptions options, Mark at) { _options = options; _at = at; }

    public static ModifierChain Apply(string? field, IReadOnlyList<string> modifiers, IReadOnlyList<object?> values,
        RuleLoadOptions options, Mark at)
    {
        var chain = new ModifierChain(options, at);
        foreach (var v in values) chain.Groups.Add([SigmaValue.FromYaml(v)]);
        for (int i = 0; i < modifiers.Count; i++) chain.ApplyOne(field, modifiers[i].ToLowerInvariant(), i);
        return chain;
    }

    private SigmaRuleException Error(string category, string message) => new(category, message, _at);

    private void ApplyOne(string? field, string modifier, int position)
    {
        switch (modifier)
        {
            case "all": LinkAll = true; return;
            case "neq": Negate = true; return;
            case "contains": Map(v => Anchor(v, true, true, FieldRefMode.Contains)); return;
            case "startswith": Map(v => Anchor(v, false, true, FieldRefMode.StartsWith)); return;
            case "endswith": Map(v => Anchor(v, true, false, FieldRefMode.EndsWith)); return;
            case "cased": Map(v => RequireText(v, modifier) with { Cased = true }); return;
            case "exists":
                if (field is null) throw Error("bad modifier use", "exists modifier must be applied to a field");
                if (position != 0) throw Error("bad modifier use", "exists modifier is only applicable to unmodified boolean values");
                Map(v => v.Kind == SigmaValueKind.Bool
                    ? v with { Kind = SigmaValueKind.Exists }
                    : throw Error("bad modifier use", $"exists modifier expects a boolean, got '{v.Raw}'"));
                return;
            case "re":
                if (position != 0) throw Error("bad modifier use", "re modifier is only applicable to unmodified values");
                Map(v => ToRegex(RequireText(v, modifier)));
                return;
            case "i" or "ignorecase": Map(v => RequireRegex(v, modifier, RegexOptions.IgnoreCase)); return;
            case "m" or "multiline": Map(v => RequireRegex(v, modifier, RegexOptions.Multiline)); return;
            case "s" or "dotall": Map(v => RequireRegex(v, modifier, RegexOptions.Singleline)); return;
            case "windash": Expand(v => Windash(RequireText(v, modifier))); return;
            case "base64": Map(v => Literal(Base64(Bytes(RequireLiteral(v, modifier))))); return;
            case "base64offset": Expand(v => Base64Offsets(Bytes(RequireLiteral(v, modifier)))); return;
            case "wide" or "utf16le": Map(v => Encode(RequireText(v, modifier), Encoding.Unicode, false)); return;
            case "utf16be": Map(v => Encode(RequireText(v, modifier), Encoding.BigEndianUnicode, false)); return;
            case "utf16": Map(v => Encode(RequireText(v, modifier), Encoding.Unicode, true)); return;
            case "lt": Map(v => Compare(v, CompareOp.Lt)); return;
            case "lte": Map(v => Compare(v, CompareOp.Lte)); return;
            case "gt": Map(v => Compare(v, CompareOp.Gt)); return;
            case "gte": Map(v => Compare(v, CompareOp.Gte)); return;
            case "minute": Map(v => Part(v, TimePart.Minute)); return;
            case "hour": Map(v => Part(v, TimePart.Hour)); return;
            case "day": Map(v => Part(v, TimePart.Day)); return;
            case "week": Map(v => Part(v, TimePart.Week)); return;
            case "month": Map(v => Part(v, TimePart.Month)); return;
            case "year": Map(v => Part(v, TimePart.Year)); return;
            case "cidr":
                if (position != 0) throw Error("bad modifier use", "cidr modifier must be the first modifier");
                Map(v => ToCidr(RequireText(v, modifier)));
                return;
            case "fieldref":
                Map(v =>
                {
                    var t = RequireText(v, modifier);
                    if (SigmaText.HasWildcards(t.Parts)) throw Error("bad modifier use", "fieldref does not allow wildcards");
                    return t with { Kind = SigmaValueKind.FieldRef };
                });
                return;
            case "expand": Expand(v => ExpandPlaceholders(RequireText(v, modifier))); return;
            default: throw Error("unknown modifier", $"unknown modifier '{modifier}'");
        }
    }

    private void Map(Func<SigmaValue, SigmaValue> f)
    {
        foreach (var g in Groups)
            for (int i = 0; i < g.Count; i++) g[i] = f(g[i]);
    }

    private void Expand(Func<SigmaValue, IEnumerable<SigmaValue>> f)
    {
        for (int gi = 0; gi < Groups.Count; gi++)
            Groups[gi] = Groups[gi].SelectMany(f).Distinct(SigmaValueComparer.Instance).ToList();
    }

    private SigmaValue RequireText(SigmaValue v, string modifier) => v.Kind switch
    {
        SigmaValueKind.Text => v,
        // pySigma-compatible leniency: a YAML number used as a string becomes its text.
        SigmaValueKind.Number => SigmaValue.Text(v.Raw),
        _ => throw Error("bad modifier use", $"{modifier} modifier expects a string value, got '{v.Raw}' ({v.Kind})"),
    };

    private SigmaValue RequireLiteral(SigmaValue v, string modifier)
    {
        var t = RequireText(v, modifier);
        if (SigmaText.HasWildcards(t.Parts)) throw Error("bad modifier use", $"{modifier} encoding of strings with wildcards is not allowed");
        return t;
    }

    private SigmaValue RequireRegex(SigmaValue v, string modifier, RegexOptions flag) =>
        v.Kind == SigmaValueKind.Regex ? v with { RegexFlags = v.RegexFlags | flag }
            : throw Error("bad modifier use", $"{modifier} modifier only applies after re");

    private SigmaValue Anchor(SigmaValue v, bool start, bool end, FieldRefMode refMode) => v.Kind switch
    {
        SigmaValueKind.Regex => v, // matched as an unanchored search already
        SigmaValueKind.FieldRef => v with { FieldRefMode = refMode },
        _ => WrapText(RequireText(v, refMode.ToString().ToLowerInvariant()), start, end),
    };

    private static SigmaValue WrapText(SigmaValue t, bool start, bool end) => t with { Parts = SigmaText.Wrap(t.Parts, start, end) };

    private SigmaValue ToRegex(SigmaValue v)
    {
        try { _ = new Regex(v.Raw, RegexOptions.CultureInvariant); }
        catch (ArgumentException ex) { throw Error("bad regex", $"invalid regular expression '{v.Raw}': {ex.Message}"); }
        return v with { Kind = SigmaValueKind.Regex };
    }

    private SigmaValue ToCidr(SigmaValue v)
    {
        if (!IPNetwork.TryParse(v.Raw.Trim(), out var net) || net.ToString() != Canonical(v.Raw.Trim()))
            throw Error("bad value", $"invalid CIDR expression '{v.Raw}'");
        return v with { Kind = SigmaValueKind.Cidr, Cidr = net };
    }

    // IPNetwork.TryParse accepts host bits set in some versions; pySigma (strict) does not.
    private static string Canonical(string cidr) =>
        IPNetwork.TryParse(cidr, out var n) && IPAddress.TryParse(cidr.Split('/')[0], out var a) && a.Equals(n.BaseAddress)
            ? n.ToString() : cidr + "#";

    private SigmaValue Compare(SigmaValue v, CompareOp op) =>
        v.Kind == SigmaValueKind.Number ? v with { Compare = op }
            : throw Error("bad modifier use", $"{op.ToString().ToLowerInvariant()} modifier expects a number, got '{v.Raw}'");

    private SigmaValue Part(SigmaValue v, TimePart part) =>
        v.Kind == SigmaValueKind.Number ? v with { TimePart = part }
            : throw Error("bad modifier use", $"{part.ToString().ToLowerInvariant()} modifier expects a number, got '{v.Raw}'");

    /// <summary>pySigma: a '-' or '/' starting a flag (regex \B[-/]\b) becomes each of - / – — ―.</summary>
    private static IEnumerable<SigmaValue> Windash(SigmaValue v)
    {
        var results = new List<List<SigmaPart>> { new() };
        foreach (var part in v.Parts)
        {
            List<SigmaPart> variants = part.IsWildcard ? [part] : WindashText(part.Text).Select(t => new SigmaPart(t)).ToList();
            results = results.SelectMany(r => variants.Select(p => Append(r, p))).ToList();
        }
        return results.Select(p => v with { Parts = p });
    }

    private static List<SigmaPart> Append(List<SigmaPart> parts, SigmaPart part) => [.. parts, part];

    private static IEnumerable<string> WindashText(string text)
    {
        var positions = new List<int>();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is not ('-' or '/')) continue;
            bool prevWord = i > 0 && IsWord(text[i - 1]);
            bool nextWord = i + 1 < text.Length && IsWord(text[i + 1]);
            if (!prevWord && nextWord) positions.Add(i); // \B before a non-word char means prev is non-word too
        }
        if (positions.Count == 0) return [text];
        var outputs = new List<string> { "" };
        int last = 0;
        foreach (var pos in positions)
        {
            var chunk = text[last..pos];
            outputs = outputs.SelectMany(o => Dashes.Select(d => o + chunk + d)).ToList();
            last = pos + 1;
        }
        var tail = text[last..];
        return outputs.Select(o => o + tail);
    }

    private static bool IsWord(char c) => char.IsLetterOrDigit(c) || c == '_';

    private static byte[] Bytes(SigmaValue v)
    {
        var text = SigmaText.PlainText(v.Parts);
        return v.IsBytes ? text.Select(c => (byte)c).ToArray() : Encoding.UTF8.GetBytes(text);
    }

    private static SigmaValue Literal(string text) => new() { Kind = SigmaValueKind.Text, Raw = text, Parts = SigmaText.Literal(text) };

    private static string Base64(byte[] bytes) => Convert.ToBase64String(bytes);

    /// <summary>The three base64 renderings of the bytes at offsets 0, 1 and 2, trimmed to the stable part.</summary>
    private static IEnumerable<SigmaValue> Base64Offsets(byte[] bytes)
    {
        int[] start = [0, 2, 3];
        int[] endTrim = [0, 3, 2];
        for (int i = 0; i < 3; i++)
        {
            var shifted = new byte[i + bytes.Length];
            for (int k = 0; k < i; k++) shifted[k] = (byte)' ';
            bytes.CopyTo(shifted, i);
            var b64 = Base64(shifted);
            int trim = endTrim[(bytes.Length + i) % 3];
            int end = b64.Length - trim;
            yield return Literal(end > start[i] ? b64[start[i]..end] : "");
        }
    }

    /// <summary>Encodes literal parts to UTF-16 bytes (one char per byte); utf16 adds the FF FE byte-order mark.</summary>
    private static SigmaValue Encode(SigmaValue v, Encoding encoding, bool bom)
    {
        var parts = new List<SigmaPart>();
        if (bom) parts.Add(new SigmaPart("\u00FF\u00FE"));
        foreach (var p in v.Parts)
            parts.Add(p.IsWildcard ? p : new SigmaPart(new string(encoding.GetBytes(p.Text).Select(b => (char)b).ToArray())));
        return v with { Parts = parts, IsBytes = true };
    }

    /// <summary>
    /// <c>%name%</c> placeholders (after <c>expand</c>) become each configured value (which may hold
    /// wildcards); <c>\%</c> is a literal percent. Unconfigured placeholders reject the rule.
    /// </summary>
    private IEnumerable<SigmaValue> ExpandPlaceholders(SigmaValue v)
    {
        IEnumerable<string> outputs = [""];
        var raw = v.Raw;
        int i = 0;
        var literal = new StringBuilder();
        while (i < raw.Length)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && raw[i + 1] == '%') { literal.Append('%'); i += 2; continue; }
            if (raw[i] == '%')
            {
                int close = raw.IndexOf('%', i + 1);
                if (close > i + 1)
                {
                    var name = raw[(i + 1)..close];
                    if (!_options.Placeholders.TryGetValue(name, out var values) || values.Count == 0)
                        throw Error("unresolved placeholder", $"unresolved placeholder %{name}% (no value configured)");
                    var prefix = literal.ToString();
                    literal.Clear();
                    var list = outputs.ToList();
                    outputs = list.SelectMany(o => values.Select(val => o + prefix + val)).ToList();
                    i = close + 1;
                    continue;
                }
            }
            literal.Append(raw[i++]);
        }
        var rest = literal.ToString();
        return outputs.Select(o => SigmaValue.Text(o + rest) with { Cased = v.Cased });
    }

    private sealed class SigmaValueComparer : IEqualityComparer<SigmaValue>
    {
        public static readonly SigmaValueComparer Instance = new();
        public bool Equals(SigmaValue? a, SigmaValue? b) =>
            a is not null && b is not null && a.Kind == b.Kind && a.Raw == b.Raw && a.Parts.SequenceEqual(b.Parts);
        public int GetHashCode(SigmaValue v) => HashCode.Combine(v.Kind, v.Parts.Count, v.Parts.Count > 0 ? v.Parts[0] : default);
    }
}
