using System.Text.Json;

namespace Huntsman.Readers.Json;

internal static class JsonBytes
{
    public static readonly JsonReaderOptions ReaderOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    public static int SkipBomAndWhitespace(ReadOnlySpan<byte> data, int pos)
    {
        if (pos == 0 && data.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) pos = 3;
        while (pos < data.Length && IsSpace(data[pos])) pos++;
        return pos;
    }

    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';

    public static bool IsBlank(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
            if (!IsSpace(b)) return false;
        return true;
    }
}
