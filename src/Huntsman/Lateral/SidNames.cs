using Huntsman.Events;
using Huntsman.Events.Taxonomy;

namespace Huntsman.Lateral;

/// <summary>Learns DOMAIN\user for account SIDs from events that carry both, so a 7045 (SID only) can name its installer.</summary>
internal sealed class SidNames
{
    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);

    public void Learn(WinEvent e)
    {
        // Only Security and System events name accounts next to their SIDs; skipping the rest keeps observe cheap.
        if (!Channels.IsSecurity(e) && !Channels.IsSystem(e)) return;
        Add(e.GetPayload("TargetUserSid"), e.GetPayload("TargetDomainName"), e.GetPayload("TargetUserName"));
        Add(e.GetPayload("SubjectUserSid"), e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"));
        // 104 (log cleared) and a few others carry the user's name in UserData and the SID in System/Security.
        if (e.UserId is { } sid && e.GetPayload("SubjectUserSid") is null) Add(sid, e.GetPayload("SubjectDomainName"), e.GetPayload("SubjectUserName"));
    }

    private void Add(string? sid, string? domain, string? user)
    {
        if (sid is null || !sid.StartsWith("S-1-5-21-", StringComparison.Ordinal) || _names.ContainsKey(sid)) return;
        if (EventClassifier.Account(domain, user) is { } name && !name.EndsWith('$')) _names[sid] = name;
    }

    public string? Resolve(string? sid) => sid is not null && _names.TryGetValue(sid, out var n) ? n : null;
}
