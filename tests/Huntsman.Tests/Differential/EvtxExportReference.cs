using System.Diagnostics;
using System.Xml;

namespace Huntsman.Tests.Differential;

/// <summary>One record as Debian's evtxexport (libevtx) renders it.</summary>
internal sealed record ReferenceRecord(long RecordId, int EventId, string TimeCreated, string Computer, string Channel,
    List<KeyValuePair<string, string>> Data);

/// <summary>Runs `evtxexport -f xml` on a file and parses its output into records.</summary>
internal static class EvtxExportReference
{
    public const string Tool = "/usr/bin/evtxexport";

    public static bool Available => File.Exists(Tool);

    public static List<ReferenceRecord> Export(string path, out int unparsable)
    {
        var psi = new ProcessStartInfo(Tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add("-f");
        psi.ArgumentList.Add("xml");
        psi.ArgumentList.Add(path);
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var text = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        _ = stderr.Result;
        return Parse(text, out unparsable);
    }

    public static List<ReferenceRecord> Parse(string text, out int unparsable)
    {
        var records = new List<ReferenceRecord>();
        unparsable = 0;
        int start = text.IndexOf("<Event ", StringComparison.Ordinal);
        while (start >= 0)
        {
            int next = text.IndexOf("<Event ", start + 7, StringComparison.Ordinal);
            var xml = next < 0 ? text[start..] : text[start..next];
            try { records.Add(ParseOne(xml)); }
            catch (XmlException) { unparsable++; }
            start = next;
        }
        return records;
    }

    private static ReferenceRecord ParseOne(string xml)
    {
        var doc = new XmlDocument { XmlResolver = null };
        doc.LoadXml(xml);
        var root = doc.DocumentElement!;
        XmlElement? Child(XmlElement parent, string name) => parent.ChildNodes.OfType<XmlElement>().FirstOrDefault(e => e.LocalName == name);
        var system = Child(root, "System")!;
        string Text(string name) => Child(system, name)?.InnerText ?? "";
        var data = new List<KeyValuePair<string, string>>();
        foreach (var section in root.ChildNodes.OfType<XmlElement>())
        {
            if (section.LocalName == "EventData")
            {
                foreach (var d in section.ChildNodes.OfType<XmlElement>())
                {
                    var name = d.LocalName == "Data" ? d.GetAttribute("Name") : d.LocalName;
                    // libevtx does not escape markup inside values; recover the text it wrote.
                    // (marked with a leading U+0001 so the comparison can strip our markup the same way).
                    var value = d.ChildNodes.OfType<XmlElement>().Any() ? "\u0001" + d.InnerText : d.InnerText;
                    data.Add(new(string.IsNullOrEmpty(name) ? "Data" : name, value));
                }
            }
            else if (section.LocalName == "UserData")
            {
                foreach (var leaf in section.GetElementsByTagName("*").OfType<XmlElement>())
                    if (!leaf.ChildNodes.OfType<XmlElement>().Any() && leaf.ParentNode != section)
                        data.Add(new(leaf.LocalName, leaf.InnerText));
            }
        }
        return new ReferenceRecord(
            long.Parse(Text("EventRecordID")),
            int.Parse(Text("EventID")),
            Child(system, "TimeCreated")?.GetAttribute("SystemTime") ?? "",
            Text("Computer"), Text("Channel"), data);
    }
}
