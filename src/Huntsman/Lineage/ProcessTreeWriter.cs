using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Lineage;

/// <summary>Renders process trees as indented text or JSON (children in time order).</summary>
public static class ProcessTreeWriter
{
    private const int MaxDepth = 64;

    public static void WriteText(TextWriter w, ProcessNode node, int depth = 0, string? marker = null)
    {
        var stack = new Stack<(ProcessNode Node, int Depth)>();
        var seen = new HashSet<ProcessNode>(ReferenceEqualityComparer.Instance);
        stack.Push((node, depth));
        while (stack.Count > 0)
        {
            var (n, d) = stack.Pop();
            if (!seen.Add(n)) continue;
            w.WriteLine(Line(n, d));
            if (d - depth >= MaxDepth) continue;
            for (int i = n.Children.Count - 1; i >= 0; i--) stack.Push((n.Children[i], d + 1));
        }
    }

    /// <summary>One line: indentation, image, pid, start time, user, command line (control characters shown, see <see cref="PrintableText"/>).</summary>
    public static string Line(ProcessNode n, int depth) => PrintableText.Of(
        $"{new string(' ', depth * 2)}{n.Image} [pid {n.ProcessId}]" +
        (n.Start is { } s ? $" {SystemFields.FormatTime(s)}" : n.Synthetic ? " (start not in evidence)" : "") +
        (n.User is { } u ? $" {u}" : "") +
        (string.IsNullOrEmpty(n.CommandLine) ? "" : $" :: {n.CommandLine}"));

    /// <summary>The ancestry of a process as indented lines (root first), then the process's own subtree.</summary>
    public static void WriteLineage(TextWriter w, ProcessNode node)
    {
        var chain = new List<ProcessNode>();
        var seen = new HashSet<ProcessNode>(ReferenceEqualityComparer.Instance);
        for (var p = node.Parent; p is not null && seen.Add(p) && chain.Count < MaxDepth; p = p.Parent) chain.Add(p);
        chain.Reverse();
        for (int i = 0; i < chain.Count; i++) w.WriteLine(Line(chain[i], i));
        WriteText(w, node, chain.Count);
    }

    public static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static void WriteJson(Utf8JsonWriter w, ProcessNode n, bool withChildren = true, int depth = 0)
    {
        w.WriteStartObject();
        w.WriteString("host", n.Host);
        w.WriteString("image", n.Image);
        w.WriteString("command_line", n.CommandLine);
        w.WriteString("user", n.User);
        w.WriteNumber("pid", n.ProcessId);
        w.WriteString("process_guid", n.ProcessGuid);
        if (n.Start is { } s) w.WriteString("start", SystemFields.FormatTime(s)); else w.WriteNull("start");
        if (n.End is { } e) w.WriteString("end", SystemFields.FormatTime(e)); else w.WriteNull("end");
        w.WriteBoolean("synthetic", n.Synthetic);
        if (withChildren)
        {
            w.WriteStartArray("children");
            if (depth < MaxDepth)
                foreach (var c in n.Children) WriteJson(w, c, true, depth + 1);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }
}
