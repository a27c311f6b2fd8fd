namespace Huntsman.Noise.Stack;

/// <summary>
/// One <c>--where</c> condition: <c>FIELD=VALUE</c> or <c>FIELD!=VALUE</c>, case-insensitive, where
/// <c>*</c> in VALUE matches any run of characters. A missing field never equals anything.
/// </summary>
public sealed class StackFilter
{
    private StackFilter(string field, string pattern, bool negated)
    {
        Field = field;
        Pattern = pattern;
        Negated = negated;
    }

    public string Field { get; }
    public string Pattern { get; }
    public bool Negated { get; }

    public static bool TryParse(string text, out StackFilter? filter, out string? error)
    {
        filter = null;
        error = null;
        int eq = text.IndexOf('=');
        if (eq <= 0)
        {
            error = $"'{text}' is not FIELD=VALUE or FIELD!=VALUE";
            return false;
        }
        bool negated = text[eq - 1] == '!';
        var field = text[..(negated ? eq - 1 : eq)].Trim();
        if (field.Length == 0)
        {
            error = $"'{text}' has no field name";
            return false;
        }
        filter = new StackFilter(field, text[(eq + 1)..], negated);
        return true;
    }

    public bool Accepts(Huntsman.Events.WinEvent e)
    {
        var value = e.Get(Field);
        bool equal = value is not null && Glob.IsMatch(value, Pattern);
        return equal != Negated;
    }

    public override string ToString() => $"{Field}{(Negated ? "!=" : "=")}{Pattern}";
}
