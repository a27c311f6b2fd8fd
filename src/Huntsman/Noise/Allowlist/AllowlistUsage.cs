namespace Huntsman.Noise.Allowlist;

/// <summary>
/// What one entry did in a run: items suppressed, items it matched after expiring (reported, not
/// suppressed), and whether it matched nothing at all (a stale entry to review).
/// </summary>
public sealed record AllowlistUsage(AllowlistEntry Entry, long Suppressed, long MatchedWhileExpired, bool Expired)
{
    public bool NeverMatched => Suppressed == 0 && MatchedWhileExpired == 0;
}
