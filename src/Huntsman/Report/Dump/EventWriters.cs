namespace Huntsman.Report.Dump;

public static class EventWriters
{
    public static IEventWriter Create(DumpFormat format, Stream output) => format switch
    {
        DumpFormat.Xml => new XmlEventWriter(output),
        DumpFormat.Csv => new CsvEventWriter(output),
        _ => new JsonlEventWriter(output),
    };
}
