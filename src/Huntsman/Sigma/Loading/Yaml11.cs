using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Huntsman.Sigma.Loading;

/// <summary>
/// YAML 1.1 scalar typing as PyYAML (and so pySigma) applies it to plain (unquoted) scalars:
/// yes/no/on/off/true/false booleans, ~/null, decimal/hex/octal/binary integers, floats; dates stay text.
/// Quoted scalars are always strings.
/// </summary>
internal static partial class Yaml11
{
    public static object? Value(YamlScalarNode node)
    {
        var s = node.Value ?? "";
        if (node.Style is not (ScalarStyle.Plain or ScalarStyle.Any)) return s;
        switch (s)
        {
            case "" or "~" or "null" or "Null" or "NULL": return null;
            case "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON": return true;
            case "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF": return false;
        }
        if (IntPattern().IsMatch(s) && TryInteger(s.Replace("_", ""), out var l)) return l;
        if (FloatPattern().IsMatch(s) && double.TryParse(s.Replace("_", ""), NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return d;
        return s;
    }

    private static bool TryInteger(string s, out long value)
    {
        value = 0;
        bool negative = s.StartsWith('-');
        var body = s.TrimStart('+', '-');
        bool ok;
        if (body.StartsWith("0x")) ok = long.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        else if (body.StartsWith("0b")) { ok = TryBase(body[2..], 2, out value); }
        else if (body.Length > 1 && body[0] == '0') { ok = TryBase(body[1..], 8, out value); }
        else ok = long.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out value);
        if (negative) value = -value;
        return ok;
    }

    private static bool TryBase(string digits, int radix, out long value)
    {
        value = 0;
        try { value = Convert.ToInt64(digits, radix); return digits.Length > 0; }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException) { return false; }
    }

    public static string Text(YamlNode? node) => node is YamlScalarNode s ? s.Value ?? "" : "";

    public static string? OptionalText(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) && n is YamlScalarNode s && Value(s) is not null ? s.Value : null;

    public static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n : null;

    /// <summary>A scalar or a list of scalars, as strings.</summary>
    public static List<string> TextList(YamlNode? node) => node switch
    {
        YamlScalarNode s when Value(s) is not null => [s.Value!],
        YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Where(s => Value(s) is not null).Select(s => s.Value!).ToList(),
        _ => [],
    };

    [GeneratedRegex(@"^[-+]?(0b[0-1_]+|0[0-7_]+|(0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+)$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9][0-9_]*)(\.[0-9_]*)?([eE][-+][0-9]+)?$")]
    private static partial Regex FloatPattern();
}
