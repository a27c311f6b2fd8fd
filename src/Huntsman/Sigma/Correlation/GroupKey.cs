using System.Globalization;
using System.Text;

namespace Huntsman.Sigma.Correlation;

/// <summary>
/// Encodes a tuple of field values as one dictionary key. One value is the key itself (no allocation);
/// several are length-prefixed so that no value content can make two tuples collide.
/// </summary>
internal static class GroupKey
{
    public const string None = "";

    public static string Encode(string[] values)
    {
        if (values.Length == 1) return values[0];
        var sb = new StringBuilder();
        foreach (var v in values) sb.Append(v.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(v);
        return sb.ToString();
    }

    public static string[] Decode(string key, int count)
    {
        if (count == 0) return [];
        if (count == 1) return [key];
        var values = new string[count];
        int pos = 0;
        for (int i = 0; i < count; i++)
        {
            int colon = key.IndexOf(':', pos);
            int length = int.Parse(key.AsSpan(pos, colon - pos), CultureInfo.InvariantCulture);
            values[i] = key.Substring(colon + 1, length);
            pos = colon + 1 + length;
        }
        return values;
    }
}
