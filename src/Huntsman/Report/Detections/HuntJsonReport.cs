using System.Text.Encodings.Web;
using System.Text.Json;
using Huntsman.Hunt;
using Huntsman.Lateral;

namespace Huntsman.Report.Detections;

/// <summary>`hunt --format json`: one document with a summary block and every detection.</summary>
public static class HuntJsonReport
{
    public static void Write(Stream output, IReadOnlyList<Detection> detections, IReadOnlyList<LateralFinding> findings, HuntEngine engine, Action<Utf8JsonWriter>? extraBlocks = null)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        w.WriteStartObject("summary");
        var s = engine.Stats;
        w.WriteNumber("events", s.EventsScanned);
        w.WriteNumber("events_in_window", s.EventsInWindow);
        w.WriteNumber("rules_loaded", s.RulesLoaded);
        w.WriteNumber("rules_run", s.RulesSelected);
        w.WriteNumber("rules_skipped", s.RulesSkipped);
        w.WriteNumber("correlation_rules", s.CorrelationRules);
        w.WriteNumber("detections", detections.Count);
        w.WriteNumber("base_detections_hidden_by_correlations", s.SuppressedBaseDetections);
        w.WriteNumber("lateral_findings", findings.Count);
        w.WriteStartObject("detections_by_level");
        foreach (var level in Levels.Ordered) w.WriteNumber(level, detections.Count(d => d.Level == level));
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("detections");
        foreach (var d in detections) DetectionJsonWriter.Write(w, d);
        w.WriteEndArray();
        w.WriteStartArray("lateral");
        foreach (var f in findings) FindingJsonWriter.Write(w, f);
        w.WriteEndArray();
        extraBlocks?.Invoke(w);
        w.WriteEndObject();
    }
}
