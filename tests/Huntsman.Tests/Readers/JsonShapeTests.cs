using Huntsman.Events;
using Huntsman.Events.Taxonomy;
using Huntsman.Readers;
using Huntsman.Readers.Json;
using Xunit;

namespace Huntsman.Tests.Readers;

/// <summary>Each JSON shape maps to the same event model (synthetic records written here).</summary>
public class JsonShapeTests
{
    private static List<WinEvent> Read(string content, string name = "in.json")
    {
        using var temp = new TempFolder();
        var run = EvidenceRun.Of(temp.File(name, content));
        Assert.DoesNotContain(run.Issues, i => i.Severity == IssueSeverity.Error);
        return run.Events;
    }

    // A realistic DeviceProcessEvents row (as exported from Advanced Hunting), PsExec starting cmd on a target.
    private const string DefenderProcess = """
        {"Timestamp":"2024-05-06T07:08:09.1234567Z","DeviceId":"a1b2","DeviceName":"ws01.corp.local","ActionType":"ProcessCreated",
         "FileName":"cmd.exe","FolderPath":"C:\\Windows\\System32\\cmd.exe","SHA1":"ded8fd7f36417f66eb6ada10e0c0d7c0022986e9",
         "SHA256":"b99d114b267ffd068c3289199b6df95a9f9e64872d6c2b666d63974bbce75bf2","MD5":"911d039e71583a07320b32bde22f8e22",
         "ProcessId":4242,"ProcessCommandLine":"cmd.exe /c whoami","ProcessIntegrityLevel":"System","ProcessTokenElevation":"TokenElevationTypeDefault",
         "ProcessVersionInfoOriginalFileName":"Cmd.Exe","AccountDomain":"nt authority","AccountName":"system","AccountSid":"S-1-5-18","LogonId":999,
         "InitiatingProcessFileName":"PSEXESVC.exe","InitiatingProcessFolderPath":"c:\\windows","InitiatingProcessId":3120,
         "InitiatingProcessCommandLine":"PSEXESVC.exe","InitiatingProcessParentFileName":"services.exe","InitiatingProcessParentId":640,
         "InitiatingProcessAccountDomain":"nt authority","InitiatingProcessAccountName":"system","ReportId":17}
        """;

    [Fact]
    public void Defender_process_row_gets_channel_sysmon_id_and_sysmon_names_beside_its_columns()
    {
        var e = Assert.Single(Read(DefenderProcess.ReplaceLineEndings(" ")));
        Assert.Equal("Defender:DeviceProcessEvents", e.Channel);
        Assert.Equal(1, e.EventId);
        Assert.Equal("Microsoft-Defender", e.Provider);
        Assert.Equal("ws01.corp.local", e.Computer);
        Assert.Equal(17, e.RecordId);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567), e.TimeCreated);
        Assert.Equal(@"C:\Windows\System32\cmd.exe", e.GetPayload("Image"));
        Assert.Equal("cmd.exe /c whoami", e.GetPayload("CommandLine"));
        Assert.Equal("4242", e.GetPayload("ProcessId"));
        Assert.Equal(@"c:\windows\PSEXESVC.exe", e.GetPayload("ParentImage")); // folder + file name
        Assert.Equal("3120", e.GetPayload("ParentProcessId"));
        Assert.Equal("PSEXESVC.exe", e.GetPayload("ParentCommandLine"));
        Assert.Equal(@"nt authority\system", e.GetPayload("User"));
        Assert.Equal("Cmd.Exe", e.GetPayload("OriginalFileName"));
        Assert.StartsWith("SHA1=DED8FD7F", e.GetPayload("Hashes"));
        Assert.Equal("cmd.exe", e.GetPayload("FileName")); // original columns stay
        Assert.True(ProcessStart.TryFrom(e, out var p));
        Assert.Equal(4242, p.ProcessId);
        Assert.Equal(3120, p.ParentProcessId);
    }

    [Fact]
    public void Defender_tables_are_taken_from_table_column_or_inferred()
    {
        var lines = string.Join("\n",
            """{"Table":"DeviceNetworkEvents","Timestamp":"2024-05-06T07:08:10Z","DeviceName":"ws01","ActionType":"ConnectionSuccess","RemoteIP":"10.0.0.9","RemotePort":445,"LocalIP":"10.0.0.5","LocalPort":50123,"Protocol":"Tcp","InitiatingProcessFileName":"psexec.exe","InitiatingProcessFolderPath":"c:\\tools\\psexec.exe","InitiatingProcessId":77}""",
            """{"Timestamp":"2024-05-06T07:08:11Z","DeviceName":"ws01","ActionType":"FileCreated","FileName":"PSEXESVC.exe","FolderPath":"C:\\Windows","InitiatingProcessFileName":"System","InitiatingProcessId":4}""",
            """{"Timestamp":"2024-05-06T07:08:12Z","DeviceName":"ws01","ActionType":"RegistryValueSet","RegistryKey":"HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\PSEXESVC","RegistryValueName":"ImagePath","RegistryValueData":"%SystemRoot%\\PSEXESVC.exe"}""",
            """{"$table":"DeviceLogonEvents","Timestamp":"2024-05-06T07:08:13Z","DeviceName":"ws01","ActionType":"LogonSuccess","AccountName":"admin","AccountDomain":"corp","LogonType":"Network","RemoteIP":"10.0.0.5"}""",
            """{"Timestamp":"2024-05-06T07:08:14Z","DeviceName":"ws01","ActionType":"ImageLoaded","FileName":"mstscax.dll","FolderPath":"C:\\Windows\\System32\\mstscax.dll","InitiatingProcessFolderPath":"c:\\x\\sharprdp.exe"}""",
            """{"Timestamp":"2024-05-06T07:08:15Z","DeviceName":"ws01","ActionType":"DnsQueryResponse","TableName":"DeviceEvents"}""",
            """{"Timestamp":"2024-05-06T07:08:16Z","DeviceName":"ws01","ActionType":"AntivirusDetection"}""");
        var events = Read(lines);
        Assert.Equal(["Defender:DeviceNetworkEvents", "Defender:DeviceFileEvents", "Defender:DeviceRegistryEvents", "Defender:DeviceLogonEvents",
            "Defender:DeviceImageLoadEvents", "Defender:DeviceEvents", "Defender:DeviceEvents"], events.Select(e => e.Channel));
        Assert.Equal([3, 11, 13, 0, 7, 22, 0], events.Select(e => e.EventId));

        Assert.True(NetworkConnection.TryFrom(events[0], out var net));
        Assert.Equal("10.0.0.9", net.DestinationIp);
        Assert.Equal(445, net.DestinationPort);
        Assert.Equal("tcp", net.Protocol);
        Assert.True(net.Initiated);
        Assert.Equal(@"c:\tools\psexec.exe", net.Image);

        Assert.True(FileEvent.TryFrom(events[1], out var file));
        Assert.Equal(@"C:\Windows\PSEXESVC.exe", file.TargetFilename);
        Assert.Equal(FileAction.Created, file.Action);

        Assert.True(RegistryEvent.TryFrom(events[2], out var reg));
        Assert.Equal(@"HKEY_LOCAL_MACHINE\SYSTEM\ControlSet001\Services\PSEXESVC\ImagePath", reg.TargetObject);
        Assert.Equal("SetValue", reg.EventType);
        Assert.Equal(@"%SystemRoot%\PSEXESVC.exe", reg.Details);

        Assert.True(LogonEvent.TryFrom(events[3], out var logon));
        Assert.Equal(3, logon.LogonType);
        Assert.Equal(@"corp\admin", logon.TargetUser);
        Assert.Equal("10.0.0.5", logon.SourceIp);

        Assert.Equal(@"C:\Windows\System32\mstscax.dll", events[4].GetPayload("ImageLoaded"));
    }

    [Fact]
    public void Winlogbeat_ecs_nested_and_dotted_documents_map_alike()
    {
        var nested = """{"@timestamp":"2023-01-02T03:04:05.678Z","event":{"code":"4688"},"host":{"name":"dc01"},"log":{"level":"information"},"winlog":{"channel":"Security","event_id":4688,"provider_name":"Microsoft-Windows-Security-Auditing","computer_name":"DC01.corp.local","record_id":"12345","process":{"pid":4,"thread":{"id":88}},"keywords":["Audit Success"],"event_data":{"NewProcessName":"C:\\Windows\\System32\\whoami.exe","NewProcessId":"0x1a4","ProcessId":"0x10","TokenElevationType":"%%1936","SubjectUserName":"alice","SubjectDomainName":"CORP"}},"message":"A new process has been created."}""";
        var dotted = """{"@timestamp":"2023-01-02T03:04:05.678Z","winlog.channel":"Security","winlog.event_id":4688,"winlog.provider_name":"Microsoft-Windows-Security-Auditing","winlog.computer_name":"DC01.corp.local","winlog.record_id":12345,"winlog.process.pid":4,"winlog.process.thread.id":88,"winlog.keywords":["Audit Success"],"log.level":"information","winlog.event_data.NewProcessName":"C:\\Windows\\System32\\whoami.exe","winlog.event_data.NewProcessId":"0x1a4","winlog.event_data.ProcessId":"0x10","winlog.event_data.TokenElevationType":"%%1936","winlog.event_data.SubjectUserName":"alice","winlog.event_data.SubjectDomainName":"CORP","message":"A new process has been created."}""";
        var events = Read(nested + "\n" + dotted + "\n");
        Assert.Equal(2, events.Count);
        foreach (var e in events)
        {
            Assert.Equal(4688, e.EventId);
            Assert.Equal("Security", e.Channel);
            Assert.Equal("DC01.corp.local", e.Computer);
            Assert.Equal(12345, e.RecordId);
            Assert.Equal(4, e.ProcessId);
            Assert.Equal(88, e.ThreadId);
            Assert.Equal(4, e.Level);
            Assert.Equal("0x8020000000000000", e.Keywords);
            Assert.Equal(new DateTime(2023, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc), e.TimeCreated);
            Assert.Equal(@"C:\Windows\System32\whoami.exe", e.Get("Image"));  // 4688 alias
            Assert.Equal(["%%1936", "TokenElevationTypeDefault (1)"], e.GetAll("TokenElevationType"));
            Assert.Equal("A new process has been created.", e.GetPayload("Message"));
            Assert.True(ProcessStart.TryFrom(e, out var p));
            Assert.Equal(0x1a4, p.ProcessId);
            Assert.Equal(@"CORP\alice", p.User);
        }
        Assert.Equal(events[0].Fields, events[1].Fields);
    }

    [Fact]
    public void Evtx_dump_shapes_with_unnamed_data_qualifiers_and_xmltodict_attributes()
    {
        var unnamed = """{"Event":{"#attributes":{"xmlns":"http://schemas.microsoft.com/win/2004/08/events/event"},"System":{"Provider":{"#attributes":{"Name":"Service Control Manager","Guid":"555908d1-a6d7-4695-8e1e-26931d2012f4","EventSourceName":"Service Control Manager"}},"EventID":{"#attributes":{"Qualifiers":16384},"#text":7036},"TimeCreated":{"#attributes":{"SystemTime":"2019-02-03T04:05:06.123456789Z"}},"EventRecordID":55,"Channel":"System","Computer":"WS02","Security":null},"EventData":{"Data":{"#text":["PSEXESVC","running"]},"Binary":"500053004500"}}}""";
        var xmltodict = """{"Event":{"@xmlns":"http://schemas.microsoft.com/win/2004/08/events/event","System":{"Provider":{"@Name":"Microsoft-Windows-Security-Auditing"},"EventID":"5145","TimeCreated":{"@SystemTime":"2019-02-03T04:05:07Z"},"EventRecordID":"56","Channel":"Security","Computer":"WS02"},"EventData":{"Data":[{"@Name":"ShareName","#text":"\\\\*\\IPC$"},{"@Name":"RelativeTargetName","#text":"svcctl"},{"@Name":"AccessList","#text":"%%1538\r\n\t\t\t\t%%1541\r\n\t\t\t\t%%4416\r\n\t\t\t\t"},{"@Name":"IpAddress","#text":"10.0.0.5"},{"@Name":"Empty"}]}}}""";
        var events = Read(unnamed + "\n" + xmltodict);
        var svc = events[0];
        Assert.Equal(7036, svc.EventId);
        Assert.Equal(16384, svc.EventIdQualifiers);
        Assert.Equal("{555908D1-A6D7-4695-8E1E-26931D2012F4}", svc.ProviderGuid);
        Assert.Equal(new DateTime(2019, 2, 3, 4, 5, 6, 123, DateTimeKind.Utc).AddTicks(4567), svc.TimeCreated); // 9 digits cut to 100 ns
        Assert.Equal(["PSEXESVC", "running"], svc.GetAll("Data"));
        Assert.Equal("500053004500", svc.GetPayload("Binary"));
        Assert.Null(svc.UserId);

        var share = events[1];
        Assert.Equal(5145, share.EventId);
        Assert.Equal(56, share.RecordId);
        Assert.Equal("Microsoft-Windows-Security-Auditing", share.Provider);
        Assert.Equal(["%%1538\r\n\t\t\t\t%%1541\r\n\t\t\t\t%%4416\r\n\t\t\t\t", "READ_CONTROL SYNCHRONIZE ReadData (or ListDirectory)"], share.GetAll("AccessList"));
        Assert.Equal("", share.GetPayload("Empty"));
        Assert.True(ShareAccess.TryFrom(share, out var access));
        Assert.Equal(@"\\*\IPC$", access.ShareName);
        Assert.Equal("svcctl", access.RelativeTargetName);
    }

    [Fact]
    public void Nxlog_flat_event_drops_transport_keys_and_renders_keywords_unsigned()
    {
        var line = """{"EventID":4624,"Channel":"security","Hostname":"DC01","host":"collector","SourceName":"Microsoft-Windows-Security-Auditing","RecordNumber":9,"ExecutionProcessID":612,"ThreadID":700,"Keywords":-9214364837600034816,"EventTime":"2020-01-01 10:00:00","EventReceivedTime":"2020-01-01 10:00:02","@timestamp":"2020-01-01T08:00:02.500Z","@version":"1","port":1234,"Severity":"INFO","SeverityValue":2,"SourceModuleName":"eventlog","SourceModuleType":"im_msvistalog","EventType":"AUDIT_SUCCESS","Opcode":"Info","OpcodeValue":0,"TargetUserName":"bob","LogonType":"3","ImpersonationLevel":"%%1833","tags":["mordorDataset"]}""";
        var e = Assert.Single(Read(line));
        Assert.Equal("Security", e.Channel);
        Assert.Equal("DC01", e.Computer);
        Assert.Equal("0x8020000000000000", e.Keywords);
        Assert.Equal(new DateTime(2020, 1, 1, 8, 0, 0, DateTimeKind.Utc), e.TimeCreated); // local UTC+2 collector
        Assert.Equal(["TargetUserName", "LogonType", "ImpersonationLevel", "ImpersonationLevel"], e.Fields.Select(f => f.Name));
        Assert.Equal("Impersonation", e.GetAll("ImpersonationLevel").Last());
        Assert.True(LogonEvent.TryFrom(e, out var logon));
        Assert.Equal(3, logon.LogonType);
    }

    [Fact]
    public void Bad_lines_are_reported_with_line_numbers_and_the_rest_is_read()
    {
        using var temp = new TempFolder();
        var path = temp.File("mixed.jsonl", "{\"EventID\":1,\"Channel\":\"c\"}\nnot json at all\n\n[1,2]\n{\"EventID\":2,\"Channel\":\"c\"} trailing\n{\"EventID\":3,\"Channel\":\"c\"}");
        var run = EvidenceRun.Of(path);
        Assert.Equal([1, 2, 3], run.Events.Select(e => e.EventId));
        Assert.Equal(2, run.Skipped);
        Assert.Collection(run.Issues,
            i => { Assert.Equal(2, i.LineNumber); Assert.StartsWith("not valid JSON", i.Reason); Assert.Equal(path, i.File); },
            i => { Assert.Equal(4, i.LineNumber); Assert.Contains("not an event object", i.Reason); },
            i => { Assert.Equal(5, i.LineNumber); Assert.Equal(IssueSeverity.Warning, i.Severity); });
        Assert.Equal([1L, 5L, 6L], run.Events.Select(e => e.Origin.LineNumber));
    }

    [Fact]
    public void Arrays_and_pretty_streams_split_into_small_slices_give_the_same_events()
    {
        using var temp = new TempFolder();
        var records = Enumerable.Range(1, 40).Select(i => $"{{\"EventID\":{i},\"Channel\":\"c\",\"Text\":\"a \\\"quoted\\\" {{brace}} [{i}]\"}}").ToList();
        var array = temp.File("array.json", "\uFEFF[\n" + string.Join(",\n", records) + "\n]\n");
        var stream = temp.File("stream.json", string.Join("\n", records.Select(r => r.Replace(",", ",\n  "))) + "\n");
        var lines = temp.File("lines.json", string.Join("\n", records) + "\n");
        foreach (var path in new[] { array, stream, lines })
        {
            var file = new EvidenceFile(path, path);
            var units = new JsonFormat().Open(file, new ReaderOptions(), 200).ToList();
            Assert.True(units.Count > 5, path);
            var batches = units.Select(u => u.Read()).ToList();
            Assert.Empty(batches.SelectMany(b => b.Issues));
            var events = batches.SelectMany(b => b.Events).ToList();
            Assert.Equal(Enumerable.Range(1, 40), events.Select(e => e.EventId));
            Assert.Equal("a \"quoted\" {brace} [7]", events[6].GetPayload("Text"));
        }
        // Line numbers survive the cutting: in the stream layout record i starts on line 1 + 3 * (i - 1).
        var streamEvents = new JsonFormat().Open(new EvidenceFile(stream, stream), new ReaderOptions(), 200).SelectMany(u => u.Read().Events).ToList();
        Assert.Equal(Enumerable.Range(0, 40).Select(i => 1L + 3 * i), streamEvents.Select(e => e.Origin.LineNumber));
    }

    [Fact]
    public void Hostile_json_is_reported_not_thrown()
    {
        using var temp = new TempFolder();
        var deep = new string('[', 5000) + new string(']', 5000);
        var path = temp.File("deep.json", "{\"a\":" + deep + "}\n{\"EventID\":5,\"Channel\":\"c\"}\n{\"unterminated\": \"str\n");
        var run = EvidenceRun.Of(path);
        Assert.Equal([5], run.Events.Select(e => e.EventId));
        Assert.Equal(2, run.Issues.Count);
    }
}
