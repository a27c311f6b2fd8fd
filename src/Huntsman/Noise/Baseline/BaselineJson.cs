using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Huntsman.Noise.Baseline;

/// <summary>
/// Baseline files: versioned JSON with every object's keys in ordinal order, so the same evidence always
/// gives the same bytes. Reading is all-or-nothing: any problem throws <see cref="BaselineFormatException"/>
/// naming file:line:column, and no partly read baseline is ever returned.
/// </summary>
public static class BaselineJson
{
    /// <summary>Larger files are refused before parsing (a capped baseline is far smaller).</summary>
    public const long MaxFileBytes = 512L * 1024 * 1024;

    public static void Write(Stream output, BehaviourBaseline baseline)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartObject("categories");
        foreach (var kind in BehaviourKinds.All.OrderBy(BehaviourKinds.JsonName, StringComparer.Ordinal))
        {
            var category = baseline[kind];
            w.WriteStartObject(BehaviourKinds.JsonName(kind));
            w.WriteNumber("dropped_keys", category.DroppedKeys);
            w.WriteStartObject("keys");
            foreach (var (key, entry) in category.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject(key);
                w.WriteNumber("count", entry.Count);
                w.WriteNumber("host_count", entry.HostCount);
                WriteCounts(w, "hosts", entry.Hosts);
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteNumber("observations", category.Observations);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteNumber("events", baseline.Events);
        w.WriteString("format", BehaviourBaseline.FormatName);
        WriteCounts(w, "hosts", baseline.Hosts);
        w.WriteStartObject("limits");
        w.WriteNumber("max_hosts_per_key", baseline.MaxHostsPerKey);
        w.WriteNumber("max_keys_per_category", baseline.MaxKeysPerCategory);
        w.WriteEndObject();
        w.WriteNumber("version", BehaviourBaseline.FormatVersion);
        w.WriteEndObject();
    }

    private static void WriteCounts(Utf8JsonWriter w, string name, Dictionary<string, long> counts)
    {
        w.WriteStartObject(name);
        foreach (var (key, n) in counts.OrderBy(h => h.Key, StringComparer.Ordinal)) w.WriteNumber(key, n);
        w.WriteEndObject();
    }

    public static BehaviourBaseline Read(string path)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes) throw new BaselineFormatException(path, 0, 0, $"file is {length:N0} bytes, more than the {MaxFileBytes:N0} a baseline may have");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new BaselineFormatException(path, 0, 0, $"cannot read: {ex.Message}");
        }
        return Read(bytes, path);
    }

    public static BehaviourBaseline Read(byte[] utf8, string file)
    {
        PositionedJson root;
        try { root = PositionedJson.Parse(utf8); }
        catch (JsonException ex)
        {
            long line = ex.LineNumber is { } l ? l + 1 : 0;
            long column = ex.BytePositionInLine is { } c ? c + 1 : 0;
            throw new BaselineFormatException(file, line, column, $"malformed JSON: {FirstSentence(ex.Message)}");
        }
        return new Reader(utf8, file).Baseline(root);
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    /// <summary>Walks the tree, checking every value's type, and fails at the first wrong one with its position.</summary>
    private sealed class Reader(byte[] utf8, string file)
    {
        public BehaviourBaseline Baseline(PositionedJson root)
        {
            Expect(root, JsonTokenType.StartObject, "the baseline");
            var format = Require(root, "format");
            if (format.Text != BehaviourBaseline.FormatName) throw Fail(format, $"'format' must be \"{BehaviourBaseline.FormatName}\"");
            var version = Require(root, "version");
            if (Integer(version, "version") != BehaviourBaseline.FormatVersion)
                throw Fail(version, $"unsupported baseline version {version.Text} (this build reads version {BehaviourBaseline.FormatVersion})");
            var limits = Require(root, "limits");
            Expect(limits, JsonTokenType.StartObject, "'limits'");
            var baseline = new BehaviourBaseline(
                (int)Math.Min(int.MaxValue, Integer(Require(limits, "max_keys_per_category"), "max_keys_per_category")),
                (int)Math.Min(int.MaxValue, Integer(Require(limits, "max_hosts_per_key"), "max_hosts_per_key")))
            {
                Events = Integer(Require(root, "events"), "events"),
            };
            Counts(Require(root, "hosts"), "hosts", baseline.Hosts);
            var categories = Require(root, "categories");
            Expect(categories, JsonTokenType.StartObject, "'categories'");
            foreach (var (name, node) in categories.Properties)
            {
                if (!BehaviourKinds.TryParse(name, out var kind))
                    throw Fail(node, $"unknown behaviour category '{name}' (known: {string.Join(", ", BehaviourKinds.All.Select(BehaviourKinds.JsonName))})");
                Category(node, name, baseline[kind]);
            }
            return baseline;
        }

        private void Category(PositionedJson node, string name, BaselineCategory category)
        {
            Expect(node, JsonTokenType.StartObject, $"category '{name}'");
            category.Observations = Integer(Require(node, "observations"), "observations");
            category.DroppedKeys = Integer(Require(node, "dropped_keys"), "dropped_keys");
            var keys = Require(node, "keys");
            Expect(keys, JsonTokenType.StartObject, "'keys'");
            foreach (var (key, value) in keys.Properties)
            {
                Expect(value, JsonTokenType.StartObject, $"key '{key}'");
                var entry = new BaselineEntry
                {
                    Count = Integer(Require(value, "count"), "count"),
                    HostCount = (int)Math.Min(int.MaxValue, Integer(Require(value, "host_count"), "host_count")),
                };
                Counts(Require(value, "hosts"), "hosts", entry.Hosts);
                if (!category.Entries.TryAdd(key, entry)) throw Fail(value, $"key '{key}' appears twice in '{name}'");
            }
        }

        private void Counts(PositionedJson node, string what, Dictionary<string, long> into)
        {
            Expect(node, JsonTokenType.StartObject, $"'{what}'");
            foreach (var (name, value) in node.Properties) into[name] = Integer(value, $"{what}.{name}");
        }

        private PositionedJson Require(PositionedJson obj, string name) =>
            obj.Property(name) ?? throw Fail(obj, $"missing '{name}'");

        private void Expect(PositionedJson node, JsonTokenType kind, string what)
        {
            if (node.Kind != kind) throw Fail(node, $"{what} must be {(kind == JsonTokenType.StartObject ? "an object" : kind.ToString())}");
        }

        private long Integer(PositionedJson node, string what)
        {
            if (node.Kind != JsonTokenType.Number || !long.TryParse(node.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
                throw Fail(node, $"'{what}' must be a non-negative whole number");
            return value;
        }

        private BaselineFormatException Fail(PositionedJson node, string reason)
        {
            var (line, column) = PositionedJson.Position(utf8, node.Offset);
            return new BaselineFormatException(file, line, column, reason);
        }
    }
}
