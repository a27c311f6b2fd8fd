using System.Text.Json;
using Huntsman.Events.Taxonomy;
using Xunit;

namespace Huntsman.Tests.Readers;

/// <summary>The real JSON evidence in shared data loads with the right counts and field names.</summary>
public class JsonCorpusTests
{
    public static TheoryData<string> OtrfFiles() => new()
    {
        "covenant_copy_smb_CreateRequest_2020-09-22145302.json",
        "covenant_sc_query_dcerpc_smb_svcctl_2020-08-05034820.json",
        "covenant_sharpsc_create_dcerpc_smb_svcctl_2020-08-06022635.json",
        "covenant_sharpwmi_create_dcerpc_wmi_2020-08-06035621.json",
        "empire_psexec_dcerpc_tcp_svcctl_2020-09-20121608.json",
    };

    [SkippableTheory]
    [MemberData(nameof(OtrfFiles))]
    public void Otrf_dataset_loads_one_event_per_line(string name)
    {
        var path = SharedData.Path_("datasets", "otrf", name);
        int lines = File.ReadLines(path).Count(l => l.Trim().Length > 0);
        var run = EvidenceRun.Of(path);
        Assert.Empty(run.Issues);
        Assert.Equal(lines, run.Events.Count);
        Assert.All(run.Events, e =>
        {
            Assert.NotEqual(0, e.EventId);
            Assert.NotEqual("", e.Channel);
            Assert.NotEqual(default, e.TimeCreated);
            Assert.Null(e.GetPayload("@version"));
            Assert.Null(e.GetPayload("port"));
            Assert.Null(e.GetPayload("EventReceivedTime"));
        });
        // Output keeps input order.
        Assert.Equal(Enumerable.Range(1, lines).Select(i => (long)i), run.Events.Select(e => e.Origin.LineNumber));
    }

    [SkippableFact]
    public void Otrf_record_maps_system_fields_and_payload()
    {
        var run = EvidenceRun.Of(SharedData.Path_("datasets", "otrf", "covenant_copy_smb_CreateRequest_2020-09-22145302.json"));
        var first = run.Events[0];
        Assert.Equal(13, first.EventId);
        Assert.Equal(Channels.Sysmon, first.Channel);
        Assert.Equal("Microsoft-Windows-Sysmon", first.Provider);
        Assert.Equal("{5770385F-C22A-43E0-BF4C-06F5698FFBD9}", first.ProviderGuid);
        Assert.Equal("WORKSTATION5.theshire.local", first.Computer);
        Assert.Equal(3518579, first.RecordId);
        Assert.Equal(3172, first.ProcessId);
        Assert.Equal(4048, first.ThreadId);
        Assert.Equal("S-1-5-18", first.UserId);
        Assert.Equal("0x8000000000000000", first.Keywords);
        Assert.Equal(0, first.Opcode);
        // EventTime 14:53:01 local, received 14:53:04 local = 18:53:04.182Z: the collector ran at UTC-4.
        Assert.Equal(new DateTime(2020, 9, 22, 18, 53, 1, DateTimeKind.Utc), first.TimeCreated);
        Assert.Equal(DateTimeKind.Utc, first.TimeCreated.Kind);
        Assert.Equal(@"C:\windows\Explorer.EXE", first.Get("Image"));
        Assert.StartsWith(@"HKU\S-1-5-21-4228717743", first.Get("TargetObject"));
        Assert.Null(first.GetPayload("AccountName")); // NXLog's lookup of UserID, not EventData
        Assert.Null(first.GetPayload("host"));        // the collector

        var security = run.Events.First(e => e.EventId == 5158);
        Assert.Equal("Security", security.Channel); // "security" in the export
        Assert.Equal("0x8020000000000000", security.Keywords);
    }

    [SkippableFact]
    public void Sigma_regression_json_loads_every_top_level_object()
    {
        var root = SharedData.Path_("sigma", "regression_data");
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(202, files.Length);
        var run = EvidenceRun.Of(root);
        Assert.DoesNotContain(run.Issues, i => i.Severity == Huntsman.Events.IssueSeverity.Error && i.File.EndsWith(".json"));
        var byFile = run.Events.GroupBy(e => e.Origin.File).ToDictionary(g => g.Key, g => g.ToList());
        int total = 0;
        foreach (var file in files)
        {
            int expected = CountTopLevelValues(File.ReadAllBytes(file));
            total += expected;
            Assert.True(byFile.TryGetValue(file, out var events), file);
            Assert.Equal(expected, events!.Count);
            Assert.All(events, e =>
            {
                Assert.NotEqual(0, e.EventId);
                Assert.NotEqual(0, e.RecordId);
                Assert.NotEqual("", e.Computer);
                Assert.NotEqual(default, e.TimeCreated);
            });
        }
        Assert.Equal(238, total);
    }

    [SkippableFact]
    public void Sigma_regression_json_maps_evtx_dump_fields()
    {
        var dir = SharedData.Path_("sigma", "regression_data", "rules-threat-hunting", "windows", "image_load",
            "image_load_win_werfaultsecure_dbgcore_dbghelp_load");
        var e = EvidenceRun.Of(Path.Combine(dir, "8a2f4b1c-3d5e-4f7a-9b2c-1e4f6d8a9c2b.json")).Events.Single();
        Assert.Equal(7, e.EventId);
        Assert.Equal(571146, e.RecordId);
        Assert.Equal(3544, e.ProcessId);
        Assert.Equal(4272, e.ThreadId);
        Assert.Equal(3, e.Version);
        Assert.Equal(4, e.Level);
        Assert.Equal("0x8000000000000000", e.Keywords);
        Assert.Equal("S-1-5-18", e.UserId);
        Assert.Equal("swachchhanda", e.Computer);
        Assert.Equal(new DateTime(2025, 11, 27, 7, 40, 10, DateTimeKind.Utc).AddTicks(1653240), e.TimeCreated);
        Assert.Equal("4460", e.GetPayload("ProcessId"));
        Assert.Equal(@"C:\Windows\System32\dbgcore.dll", e.GetPayload("ImageLoaded"));
        Assert.Equal(@"swachchhanda\xodih", e.GetPayload("User"));

        var wmi = EvidenceRun.Of(SharedData.Path_("sigma", "regression_data", "rules", "windows", "builtin", "wmi",
            "win_wmi_activity_nteventlogfile_cleareventlog", "d4f1a2b3-7c8e-4d5f-b6a9-1e0c2d3f4e5b.json")).Events.Single();
        Assert.Equal("SWACHCHHANDA", wmi.GetPayload("ClientMachine")); // UserData/Operation_ClientFailure/ClientMachine
        Assert.Equal("25920", wmi.GetPayload("ClientProcessId"));
        Assert.Null(wmi.GetPayload("xmlns"));
    }

    /// <summary>Counts top-level JSON values with the framework reader alone (independent of the splitter and mapper).</summary>
    private static int CountTopLevelValues(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        int count = 0;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 0 && reader.TokenType is JsonTokenType.StartObject) count++;
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) reader.Skip();
        }
        return count;
    }
}
