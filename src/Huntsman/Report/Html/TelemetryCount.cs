namespace Huntsman.Report.Html;

public sealed record TelemetryCount(string Channel, int EventId, long Count, DateTime First, DateTime Last);
