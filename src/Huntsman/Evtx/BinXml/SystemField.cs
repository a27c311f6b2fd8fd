namespace Huntsman.Evtx.BinXml;

/// <summary>
/// The System values <see cref="Events.WinEvent"/> types, one per element text or attribute: a plan resolves its steps'
/// names to these once, so a record's System values are set without comparing names.
/// </summary>
internal enum SystemField : byte
{
    None,
    EventId,
    EventIdQualifiers,
    Version,
    Level,
    Task,
    Opcode,
    Keywords,
    TimeCreated,
    EventRecordId,
    ActivityId,
    RelatedActivityId,
    ProcessId,
    ThreadId,
    Channel,
    Computer,
    UserId,
    ProviderName,
    ProviderGuid,
    ProviderEventSourceName,
}
