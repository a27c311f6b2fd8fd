using System.Globalization;
using System.Text;
using Huntsman.Events;

namespace Huntsman.Report.Dump;

/// <summary>
/// One row per event: Timestamp, Computer, Channel, EventID, RecordID, Provider, File, then every payload field
/// in a compact "name=value | name=value" column. RFC 4180 quoting.
/// </summary>
public sealed class CsvEventWriter : IEventWriter
{
    private readonly StreamWriter _out;
    private readonly StringBuilder _fields = new();

    public CsvEventWriter(Stream output)
    {
        _out = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        _out.Write("Timestamp,Computer,Channel,EventID,RecordID,Provider,File,Fields\n");
    }

    public void Write(WinEvent e)
    {
        Cell(SystemFields.FormatTime(e.TimeCreated)); _out.Write(',');
        Cell(e.Computer); _out.Write(',');
        Cell(e.Channel); _out.Write(',');
        _out.Write(e.EventId.ToString(CultureInfo.InvariantCulture)); _out.Write(',');
        _out.Write(e.RecordId.ToString(CultureInfo.InvariantCulture)); _out.Write(',');
        Cell(e.Provider); _out.Write(',');
        Cell(e.Origin.File); _out.Write(',');
        _fields.Clear();
        foreach (var f in e.Fields)
        {
            if (_fields.Length > 0) _fields.Append(" | ");
            _fields.Append(f.Name).Append('=').Append(f.Value);
        }
        Cell(_fields.ToString());
        _out.Write('\n');
    }

    public void Complete() => _out.Flush();

    public void Dispose() => _out.Dispose();

    private void Cell(string raw)
    {
        var value = SafeText.Clean(raw);
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _out.Write(value);
            return;
        }
        _out.Write('"');
        _out.Write(value.Replace("\"", "\"\""));
        _out.Write('"');
    }
}
