using System.Text.Json;

namespace Huntsman.Readers.Json;

/// <summary>How JSON values become field text: strings as is, numbers as written, objects/arrays as raw JSON.</summary>
internal static class JsonText
{
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        _ => value.GetRawText(),
    };

    /// <summary>Text of a scalar, or null for null/objects/arrays.</summary>
    public static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => Of(value),
        _ => null,
    };

    public static bool TryGetInt(JsonElement value, out int result)
    {
        result = 0;
        if (value.ValueKind == JsonValueKind.Number) return value.TryGetInt32(out result);
        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), out result);
    }

    public static bool TryGetLong(JsonElement value, out long result)
    {
        result = 0;
        if (value.ValueKind == JsonValueKind.Number) return value.TryGetInt64(out result);
        return value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), out result);
    }
}
