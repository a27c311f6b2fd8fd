namespace Huntsman.Attack;

/// <summary>
/// One <c>attack.*</c> Sigma tag, parsed. <see cref="Id"/> is canonical: T1021.002, TA0008, G0007, S0029;
/// for a tactic given by name it is the tactic's ID when the name is known, else the name as written.
/// </summary>
public readonly record struct AttackTag(string Tag, AttackTagKind Kind, string Id)
{
    private const string Prefix = "attack.";

    /// <summary>False when the tag is not in the attack namespace (cve.*, detection.*, car.*).</summary>
    public static bool TryParse(string tag, out AttackTag parsed, AttackCatalog? catalog = null)
    {
        parsed = default;
        if (tag is null || !tag.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase)) return false;
        var value = tag.AsSpan(Prefix.Length).Trim();
        catalog ??= AttackCatalog.Default;

        if (IsTechniqueId(value))
            parsed = new AttackTag(tag, AttackTagKind.Technique, value.ToString().ToUpperInvariant());
        else if (IsPrefixedNumber(value, "ta"))
            parsed = new AttackTag(tag, AttackTagKind.Tactic, value.ToString().ToUpperInvariant());
        else if (IsPrefixedNumber(value, "g"))
            parsed = new AttackTag(tag, AttackTagKind.Group, value.ToString().ToUpperInvariant());
        else if (IsPrefixedNumber(value, "s"))
            parsed = new AttackTag(tag, AttackTagKind.Software, value.ToString().ToUpperInvariant());
        else if (catalog.TryGetTactic(value.ToString(), out var tactic))
            parsed = new AttackTag(tag, AttackTagKind.Tactic, tactic.Id);
        else
            parsed = new AttackTag(tag, AttackTagKind.Unknown, value.ToString());
        return true;
    }

    /// <summary>The technique IDs among a rule's tags, canonical and de-duplicated, in tag order.</summary>
    public static IReadOnlyList<string> TechniqueIds(IEnumerable<string> tags)
    {
        var ids = new List<string>();
        foreach (var tag in tags)
            if (TryParse(tag, out var parsed) && parsed.Kind == AttackTagKind.Technique && !ids.Contains(parsed.Id))
                ids.Add(parsed.Id);
        return ids;
    }

    /// <summary>t1021 or t1021.002: 't', four digits, optionally '.' and three digits.</summary>
    private static bool IsTechniqueId(ReadOnlySpan<char> value)
    {
        if (value.Length != 5 && value.Length != 9) return false;
        if (value[0] is not ('t' or 'T') || !AllDigits(value.Slice(1, 4))) return false;
        return value.Length == 5 || (value[5] == '.' && AllDigits(value[6..]));
    }

    private static bool IsPrefixedNumber(ReadOnlySpan<char> value, string prefix) =>
        value.Length == prefix.Length + 4 && value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && AllDigits(value[prefix.Length..]);

    private static bool AllDigits(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (!char.IsAsciiDigit(c)) return false;
        return span.Length > 0;
    }
}
