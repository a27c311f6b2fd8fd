using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Report.Dump;

/// <summary>
/// One evtx_dump-style JSON object per line: {"Event":{"#attributes":{"xmlns":…},"System":{…},"EventData":{…}}}.
/// Attributes go under "#attributes", mixed text under "#text", repeated elements become arrays, named Data
/// becomes "Name": value. System numbers are JSON numbers; payload values are numbers when they are plain
/// decimal integers (as Windows-typed integers render), strings otherwise.
/// </summary>
public sealed class JsonlEventWriter : IEventWriter
{
    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;

    private static readonly HashSet<string> NumericSystem = ["EventID", "Version", "Level", "Task", "Opcode", "EventRecordID"];
    private static readonly HashSet<string> NumericAttributes = ["ProcessID", "ThreadID", "Qualifiers"];

    public JsonlEventWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
    }

    public void Write(WinEvent e)
    {
        _json.Reset(_output);
        _json.WriteStartObject();
        _json.WritePropertyName("Event");
        WriteElement(EventDocuments.For(e), "");
        _json.WriteEndObject();
        _json.Flush();
        _output.WriteByte((byte)'\n');
    }

    public void Complete() => _output.Flush();

    public void Dispose() => _json.Dispose();

    private void WriteElement(EventNode node, string parent)
    {
        if (node.Attributes.Count == 0 && node.Children.Count == 0)
        {
            WriteScalar(node.Text, parent == "System" && NumericSystem.Contains(node.Name) || parent == "EventData");
            return;
        }
        _json.WriteStartObject();
        if (node.Attributes.Count > 0)
        {
            _json.WritePropertyName("#attributes");
            _json.WriteStartObject();
            foreach (var (key, value) in node.Attributes)
            {
                _json.WritePropertyName(SafeText.Clean(key));
                WriteScalar(value, NumericAttributes.Contains(key));
            }
            _json.WriteEndObject();
        }
        if (node.Name == "EventData") WriteEventData(node);
        else WriteChildren(node);
        if (!string.IsNullOrEmpty(node.Text) && node.Children.Count == 0)
        {
            _json.WritePropertyName("#text");
            WriteScalar(node.Text, parent == "System" && NumericSystem.Contains(node.Name));
        }
        _json.WriteEndObject();
    }

    /// <summary>Children grouped by name in order of first appearance; a repeated name becomes an array.</summary>
    private void WriteChildren(EventNode node)
    {
        var names = new List<string>();
        foreach (var c in node.Children)
            if (!names.Contains(c.Name)) names.Add(c.Name);
        foreach (var name in names)
        {
            _json.WritePropertyName(SafeText.Clean(name));
            var group = node.Children.FindAll(c => c.Name == name);
            if (group.Count == 1) WriteElement(group[0], node.Name);
            else
            {
                _json.WriteStartArray();
                foreach (var c in group) WriteElement(c, node.Name);
                _json.WriteEndArray();
            }
        }
    }

    /// <summary>&lt;Data Name="X"&gt;v&lt;/Data&gt; → "X": v; unnamed Data → "Data": {"#text": [...]}; others as elements.</summary>
    private void WriteEventData(EventNode data)
    {
        var named = new List<(string Name, List<string?> Values)>();
        var unnamed = new List<string?>();
        var other = new EventNode("EventData");
        foreach (var c in data.Children)
        {
            var name = c.Name == "Data" && c.Children.Count == 0 ? c.Attribute("Name") : null;
            if (c.Name == "Data" && c.Children.Count == 0 && string.IsNullOrEmpty(name)) unnamed.Add(c.Text);
            else if (!string.IsNullOrEmpty(name))
            {
                int i = named.FindIndex(n => n.Name == name);
                if (i < 0) named.Add((name, [c.Text]));
                else named[i].Values.Add(c.Text);
            }
            else other.Children.Add(c);
        }
        foreach (var (name, values) in named)
        {
            _json.WritePropertyName(SafeText.Clean(name));
            if (values.Count == 1) WriteScalar(values[0], true);
            else
            {
                _json.WriteStartArray();
                foreach (var v in values) WriteScalar(v, true);
                _json.WriteEndArray();
            }
        }
        if (unnamed.Count > 0)
        {
            _json.WritePropertyName("Data");
            _json.WriteStartObject();
            _json.WritePropertyName("#text");
            if (unnamed.Count == 1) WriteScalar(unnamed[0], false);
            else
            {
                _json.WriteStartArray();
                foreach (var v in unnamed) WriteScalar(v, false);
                _json.WriteEndArray();
            }
            _json.WriteEndObject();
        }
        WriteChildren(other);
    }

    private void WriteScalar(string? text, bool maybeNumber)
    {
        if (text is null) _json.WriteNullValue();
        else if (maybeNumber && IsPlainInteger(text)) _json.WriteRawValue(text, skipInputValidation: true);
        else _json.WriteStringValue(SafeText.Clean(text));
    }

    /// <summary>A decimal integer as Windows renders integer types: no sign but '-', no leading zeros, fits 64 bits.</summary>
    internal static bool IsPlainInteger(string s)
    {
        var span = s.AsSpan();
        if (span.Length > 0 && span[0] == '-') span = span[1..];
        if (span.Length is 0 or > 18) return false;
        if (span[0] == '0' && span.Length > 1) return false;
        foreach (var c in span)
            if (!char.IsAsciiDigit(c)) return false;
        return s != "-0";
    }
}
