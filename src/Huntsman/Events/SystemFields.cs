using System.Globalization;

namespace Huntsman.Events;

/// <summary>
/// System fields addressed by name, as Sigma rules and queries spell them
/// (XML attributes joined with '_': Provider_Name, Execution_ProcessID, Security_UserID).
/// </summary>
public static class SystemFields
{
    public static string? Get(WinEvent e, string name)
    {
        switch (name.Length)
        {
            case 7 when name.Equals("EventID", StringComparison.OrdinalIgnoreCase): return e.EventId.ToString(CultureInfo.InvariantCulture);
            case 7 when name.Equals("Channel", StringComparison.OrdinalIgnoreCase): return e.Channel;
            case 8 when name.Equals("Computer", StringComparison.OrdinalIgnoreCase): return e.Computer;
            case 8 when name.Equals("Provider", StringComparison.OrdinalIgnoreCase): return e.Provider;
            case 13 when name.Equals("Provider_Name", StringComparison.OrdinalIgnoreCase): return e.Provider;
            case 13 when name.Equals("Provider_Guid", StringComparison.OrdinalIgnoreCase): return e.ProviderGuid;
            case 11 when name.Equals("TimeCreated", StringComparison.OrdinalIgnoreCase): return FormatTime(e.TimeCreated);
            case 13 when name.Equals("EventRecordID", StringComparison.OrdinalIgnoreCase): return e.RecordId.ToString(CultureInfo.InvariantCulture);
            case 7 when name.Equals("Version", StringComparison.OrdinalIgnoreCase): return e.Version?.ToString(CultureInfo.InvariantCulture);
            case 5 when name.Equals("Level", StringComparison.OrdinalIgnoreCase): return e.Level?.ToString(CultureInfo.InvariantCulture);
            case 4 when name.Equals("Task", StringComparison.OrdinalIgnoreCase): return e.Task?.ToString(CultureInfo.InvariantCulture);
            case 6 when name.Equals("Opcode", StringComparison.OrdinalIgnoreCase): return e.Opcode?.ToString(CultureInfo.InvariantCulture);
            case 8 when name.Equals("Keywords", StringComparison.OrdinalIgnoreCase): return e.Keywords;
            case 15 when name.Equals("Security_UserID", StringComparison.OrdinalIgnoreCase): return e.UserId;
            case 19 when name.Equals("Execution_ProcessID", StringComparison.OrdinalIgnoreCase): return e.ProcessId?.ToString(CultureInfo.InvariantCulture);
            case 18 when name.Equals("Execution_ThreadID", StringComparison.OrdinalIgnoreCase): return e.ThreadId?.ToString(CultureInfo.InvariantCulture);
            default: return null;
        }
    }

    /// <summary>ISO 8601 UTC with 100 ns precision, e.g. 2016-07-08T18:12:51.6816408Z.</summary>
    public static string FormatTime(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
