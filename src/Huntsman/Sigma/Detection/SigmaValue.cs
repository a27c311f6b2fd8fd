using System.Net;
using System.Text.RegularExpressions;

namespace Huntsman.Sigma.Detection;

internal enum SigmaValueKind { Text, Regex, Number, Bool, Null, Exists, Cidr, FieldRef }

/// <summary>One rule value on its way through the modifier chain (immutable; modifiers return copies).</summary>
internal sealed record SigmaValue
{
    public SigmaValueKind Kind { get; init; }
    /// <summary>The text as written in YAML (for re, cidr, fieldref, expand), or the number's text.</summary>
    public string Raw { get; init; } = "";
    public List<SigmaPart> Parts { get; init; } = [];
    public bool Cased { get; init; }
    /// <summary>Text already turned into bytes (one char per byte) by an encoding modifier.</summary>
    public bool IsBytes { get; init; }
    public RegexOptions RegexFlags { get; init; }
    public double Number { get; init; }
    public bool Bool { get; init; }
    public IPNetwork Cidr { get; init; }
    public FieldRefMode FieldRefMode { get; init; }
    public CompareOp? Compare { get; init; }
    public TimePart? TimePart { get; init; }

    public static SigmaValue FromYaml(object? scalar) => scalar switch
    {
        null => new SigmaValue { Kind = SigmaValueKind.Null },
        bool b => new SigmaValue { Kind = SigmaValueKind.Bool, Bool = b, Raw = b ? "true" : "false" },
        long l => new SigmaValue { Kind = SigmaValueKind.Number, Number = l, Raw = l.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        double d => new SigmaValue { Kind = SigmaValueKind.Number, Number = d, Raw = d.ToString("R", System.Globalization.CultureInfo.InvariantCulture) },
        _ => Text(scalar.ToString() ?? ""),
    };

    public static SigmaValue Text(string raw) => new() { Kind = SigmaValueKind.Text, Raw = raw, Parts = SigmaText.Parse(raw) };
}
