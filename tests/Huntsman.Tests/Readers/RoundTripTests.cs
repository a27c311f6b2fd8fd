using Huntsman.Events;
using Huntsman.Readers;
using Huntsman.Report.Dump;
using Xunit;

namespace Huntsman.Tests.Readers;

/// <summary>dump → XML/JSONL → read gives the same events: every System field and every payload field, in order.</summary>
public class RoundTripTests
{
    public static TheoryData<string, DumpFormat> Sources() => new()
    {
        { "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement", DumpFormat.Xml },
        { "evtx/EVTX-ATTACK-SAMPLES/Lateral Movement", DumpFormat.Jsonl },
        { "evtx/hayabusa-sample-evtx/EVTX-to-MITRE-Attack/TA0008-Lateral Movement", DumpFormat.Xml },
        { "evtx/omerbenamram-evtx/samples/security.evtx", DumpFormat.Xml },
        { "sigma/regression_data/rules/windows", DumpFormat.Xml },
        { "sigma/regression_data/rules/windows/builtin", DumpFormat.Jsonl },
        { "datasets/otrf/covenant_copy_smb_CreateRequest_2020-09-22145302.json", DumpFormat.Xml },
        { "datasets/otrf/covenant_copy_smb_CreateRequest_2020-09-22145302.json", DumpFormat.Jsonl },
    };

    [SkippableTheory]
    [MemberData(nameof(Sources))]
    public void Dump_then_read_gives_the_same_events(string source, DumpFormat format)
    {
        var path = SharedData.Path_(source.Split('/'));
        var original = EvidenceRun.Of(new ReaderOptions { KeepDocument = true }, path).Events;
        Assert.NotEmpty(original);
        // The regression folders hold each sample twice (.evtx and .json); both go through the round trip.
        using var temp = new TempFolder();
        var dumped = Path.Combine(temp.Path, format == DumpFormat.Xml ? "dump.xml" : "dump.jsonl");
        using (var stream = File.Create(dumped))
        using (var writer = EventWriters.Create(format, stream))
        {
            foreach (var e in original) writer.Write(e);
            writer.Complete();
        }
        var back = EvidenceRun.Of(dumped);
        Assert.Empty(back.Issues);
        Assert.Equal(original.Count, back.Events.Count);
        for (int i = 0; i < original.Count; i++) AssertSameEvent(original[i], back.Events[i]);
    }

    [SkippableFact]
    public void Sigma_regression_json_and_evtx_twins_read_the_same()
    {
        // Each regression sample exists as .evtx and as evtx_dump JSON: both readers must agree.
        var root = SharedData.Path_("sigma", "regression_data", "rules", "windows", "process_creation");
        var evtx = Directory.GetFiles(root, "*.evtx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Take(40).ToList();
        Assert.NotEmpty(evtx);
        foreach (var file in evtx)
        {
            var fromEvtx = EvidenceRun.Of(file).Events;
            var fromJson = EvidenceRun.Of(Path.ChangeExtension(file, ".json")).Events;
            Assert.Equal(fromEvtx.Count, fromJson.Count);
            for (int i = 0; i < fromEvtx.Count; i++)
            {
                Assert.Equal(fromEvtx[i].RecordId, fromJson[i].RecordId);
                Assert.Equal(fromEvtx[i].EventId, fromJson[i].EventId);
                Assert.Equal(fromEvtx[i].Computer, fromJson[i].Computer);
                Assert.Equal(fromEvtx[i].ProviderGuid, fromJson[i].ProviderGuid);
                Assert.Equal(fromEvtx[i].Fields.Select(f => f.Name), fromJson[i].Fields.Select(f => f.Name));
                // Some JSON twins lost a trailing space the EVTX record has.
                Assert.Equal(fromEvtx[i].Get("CommandLine")?.TrimEnd(), fromJson[i].Get("CommandLine")?.TrimEnd());
                Assert.Equal(fromEvtx[i].Get("Image"), fromJson[i].Get("Image"));
            }
        }
    }

    internal static void AssertSameEvent(WinEvent expected, WinEvent actual)
    {
        var where = expected.Origin.ToString();
        Assert.True(expected.EventId == actual.EventId, where);
        Assert.Equal((where, expected.EventIdQualifiers), (where, actual.EventIdQualifiers));
        Assert.Equal((where, expected.Channel, expected.Provider, expected.ProviderGuid, expected.Computer),
            (where, actual.Channel, actual.Provider, actual.ProviderGuid, actual.Computer));
        Assert.Equal((where, expected.TimeCreated, expected.RecordId), (where, actual.TimeCreated, actual.RecordId));
        Assert.Equal((where, expected.Version, expected.Level, expected.Task, expected.Opcode, expected.Keywords),
            (where, actual.Version, actual.Level, actual.Task, actual.Opcode, actual.Keywords));
        Assert.Equal((where, expected.UserId, expected.ProcessId, expected.ThreadId, expected.ActivityId, expected.RelatedActivityId),
            (where, actual.UserId, actual.ProcessId, actual.ThreadId, actual.ActivityId, actual.RelatedActivityId));
        Assert.Equal((where, expected.Fields.Count), (where, actual.Fields.Count));
        for (int f = 0; f < expected.Fields.Count; f++) Assert.Equal((where, expected.Fields[f]), (where, actual.Fields[f]));
    }
}
