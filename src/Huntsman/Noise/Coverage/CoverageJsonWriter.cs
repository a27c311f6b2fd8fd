using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Events;

namespace Huntsman.Noise.Coverage;

/// <summary>
/// Writes a <see cref="CoverageReport"/> as JSON. <see cref="Write"/> emits one object so hunt can embed
/// it as its summary's <c>coverage</c> block; <see cref="WriteDocument"/> writes a whole file.
/// </summary>
public static class CoverageJsonWriter
{
    public static void WriteDocument(Stream output, CoverageReport report)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Write(w, report);
    }

    public static void Write(Utf8JsonWriter w, CoverageReport report)
    {
        w.WriteStartObject();
        w.WriteNumber("events", report.Events);
        w.WriteNumber("hosts_count", report.Hosts.Count);
        w.WriteStartArray("missing_everywhere");
        foreach (var s in report.MissingEverywhere) WriteSource(w, s);
        w.WriteEndArray();
        w.WriteStartObject("rules");
        w.WriteNumber("loaded", report.RulesLoaded);
        w.WriteNumber("blind", report.RulesBlind);
        w.WriteStartArray("blind_spots");
        foreach (var b in report.RuleBlindSpots)
        {
            w.WriteStartObject();
            w.WriteString("logsource", b.LogSource);
            w.WriteString("needs", b.Needs);
            w.WriteNumber("rules", b.Rules);
            w.WriteString("advice", b.Advice);
            w.WriteStartArray("example_rule_ids");
            foreach (var id in b.ExampleRuleIds) w.WriteStringValue(id);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartArray("hosts");
        foreach (var h in report.Hosts) WriteHost(w, h);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteHost(Utf8JsonWriter w, HostCoverage h)
    {
        w.WriteStartObject();
        w.WriteString("host", h.Host);
        w.WriteNumber("events", h.Events);
        w.WriteString("first", SystemFields.FormatTime(h.First));
        w.WriteString("last", SystemFields.FormatTime(h.Last));
        w.WriteStartArray("event_ids");
        foreach (var e in h.EventIds)
        {
            w.WriteStartObject();
            w.WriteString("channel", e.Channel);
            w.WriteNumber("event_id", e.EventId);
            if (e.SysmonType is { } type) w.WriteString("sysmon_type", type);
            w.WriteNumber("count", e.Count);
            w.WriteString("first", SystemFields.FormatTime(e.First));
            w.WriteString("last", SystemFields.FormatTime(e.Last));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("channels");
        foreach (var c in h.Channels) WriteContinuity(w, c);
        w.WriteEndArray();
        w.WriteStartArray("log_cleared");
        foreach (var c in h.Clears)
        {
            w.WriteStartObject();
            w.WriteString("time", SystemFields.FormatTime(c.Time));
            w.WriteString("channel", c.Channel);
            w.WriteNumber("event_id", c.EventId);
            w.WriteNumber("record_id", c.RecordId);
            w.WriteString("cleared_log", c.ClearedLog);
            if (c.User is not null) w.WriteString("user", c.User);
            w.WriteString("file", c.File);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("telemetry_present");
        foreach (var s in h.Present) w.WriteStringValue(s.Id);
        w.WriteEndArray();
        w.WriteStartArray("telemetry_missing");
        foreach (var s in h.Missing) WriteSource(w, s);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteContinuity(Utf8JsonWriter w, ChannelContinuity c)
    {
        w.WriteStartObject();
        w.WriteString("channel", c.Channel);
        w.WriteNumber("events", c.Events);
        w.WriteNumber("first_record_id", c.FirstRecordId);
        w.WriteNumber("last_record_id", c.LastRecordId);
        w.WriteNumber("missing_records", c.MissingRecords);
        w.WriteNumber("record_gaps", c.GapCount);
        if (c.TooFragmented) w.WriteBoolean("too_fragmented", true);
        w.WriteStartArray("largest_record_gaps");
        foreach (var g in c.Gaps)
        {
            w.WriteStartObject();
            w.WriteNumber("after_record_id", g.AfterRecordId);
            w.WriteNumber("before_record_id", g.BeforeRecordId);
            w.WriteNumber("missing", g.Missing);
            w.WriteString("last_time_before", SystemFields.FormatTime(g.LastTimeBefore));
            w.WriteString("first_time_after", SystemFields.FormatTime(g.FirstTimeAfter));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNumber("time_gaps", c.TimeGapCount);
        w.WriteStartArray("largest_time_gaps");
        foreach (var g in c.TimeGaps)
        {
            w.WriteStartObject();
            w.WriteNumber("record_id", g.RecordId);
            w.WriteString("from", SystemFields.FormatTime(g.From));
            w.WriteString("to", SystemFields.FormatTime(g.To));
            w.WriteNumber("hours", Math.Round(g.Length.TotalHours, 1));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteSource(Utf8JsonWriter w, TelemetrySource s)
    {
        w.WriteStartObject();
        w.WriteString("id", s.Id);
        w.WriteString("name", s.Name);
        w.WriteString("feeds", s.FeedList);
        w.WriteString("blind_to", s.Blind);
        w.WriteString("advice", s.Advice);
        w.WriteEndObject();
    }
}
