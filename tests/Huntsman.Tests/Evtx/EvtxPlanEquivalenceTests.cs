using System.Text;
using Huntsman.Events;
using Huntsman.Evtx;
using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Evtx;

/// <summary>The fast path (template field plans) must give exactly the events of the tree walk, on every corpus file.</summary>
public sealed class EvtxPlanEquivalenceTests
{
    [SkippableFact]
    public void FieldPlansMatchTheTreeWalkOnTheWholeCorpus()
    {
        var root = SharedData.Require();
        var differences = new StringBuilder();
        int files = 0;
        foreach (var path in Directory.EnumerateFiles(root, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            files++;
            var bytes = File.ReadAllBytes(path);
            var fast = EvtxParser.Parse(bytes, new ReaderOptions(), path);
            var walked = EvtxParser.Parse(bytes, new ReaderOptions(), path, usePlans: false);
            if (fast.Events.Count != walked.Events.Count)
            {
                differences.AppendLine($"{path}: {fast.Events.Count} events with plans, {walked.Events.Count} without");
                continue;
            }
            for (int i = 0; i < fast.Events.Count; i++)
                if (Describe(fast.Events[i]) is var a && Describe(walked.Events[i]) is var b && a != b)
                {
                    differences.AppendLine($"{path} record {walked.Events[i].RecordId}:\n  plan: {a}\n  walk: {b}");
                    break;
                }
            if (differences.Length > 4000) break;
        }
        Assert.Equal(770, files);
        Assert.True(differences.Length == 0, differences.ToString());
    }

    [Fact]
    public void FieldPlansMatchTheTreeWalkOnWrittenFiles()
    {
        var payload = EvtxTestEvents.EventData(w => w.Data("A", EvtxTestEvents.FirstPayloadIndex, 0x01)
            .Data("B", EvtxTestEvents.FirstPayloadIndex + 1, 0x08, optional: true).Open("Data").CloseStart().Text("literal").End());
        var file = EvtxTestEvents.File(payload, [TestValue.Str("x"), TestValue.Null], [TestValue.Str("y"), TestValue.U32(5)]);
        var fast = EvtxParser.Parse(file, new ReaderOptions());
        var walked = EvtxParser.Parse(file, new ReaderOptions(), usePlans: false);
        Assert.Equal(walked.Events.Select(Describe), fast.Events.Select(Describe));
        Assert.Equal(["A=x", "Data=literal"], fast.Events[0].Fields.Select(f => $"{f.Name}={f.Value}"));
    }

    internal static string Describe(WinEvent e)
    {
        var sb = new StringBuilder();
        sb.Append($"{e.EventId}/{e.EventIdQualifiers} {e.Channel} {e.Provider} {e.ProviderGuid} {e.Computer} {SystemFields.FormatTime(e.TimeCreated)} ");
        sb.Append($"#{e.RecordId} v{e.Version} l{e.Level} t{e.Task} o{e.Opcode} k{e.Keywords} u{e.UserId} p{e.ProcessId} t{e.ThreadId} a{e.ActivityId} r{e.RelatedActivityId} |");
        foreach (var f in e.Fields) sb.Append(' ').Append(f.Name).Append('=').Append(f.Value);
        return sb.ToString();
    }
}
