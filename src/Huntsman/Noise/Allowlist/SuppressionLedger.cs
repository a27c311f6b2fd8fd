namespace Huntsman.Noise.Allowlist;

/// <summary>
/// Applies an allowlist during a run and keeps the books, so suppression is never silent: every
/// suppressed item is counted per entry and kept for listing (<c>--show-suppressed</c>, the HTML report),
/// expired entries and entries that never matched are reported as warnings. Thread-safe.
/// </summary>
public sealed class SuppressionLedger(AllowlistSet allowlist)
{
    private readonly object _gate = new();
    private readonly List<Suppression> _suppressed = new();
    private readonly List<Suppression> _expiredMatches = new();

    public AllowlistSet Allowlist { get; } = allowlist;

    /// <summary>
    /// True when an active entry suppresses the subject (recorded). A match by an expired entry is
    /// recorded too but returns false: the item must be reported.
    /// </summary>
    public bool Suppresses(AllowlistSubject subject) => Check(subject) is { Expired: false };

    /// <summary>The entry that matched the subject, if any (recorded either way).</summary>
    public Suppression? Check(AllowlistSubject subject)
    {
        var (entry, expired) = Allowlist.Find(subject);
        if (entry is null) return null;
        var suppression = new Suppression(entry, subject, expired);
        lock (_gate) (expired ? _expiredMatches : _suppressed).Add(suppression);
        return suppression;
    }

    public long SuppressedCount { get { lock (_gate) return _suppressed.Count; } }

    /// <summary>Everything suppressed, in the order it was checked.</summary>
    public IReadOnlyList<Suppression> Suppressed { get { lock (_gate) return _suppressed.ToList(); } }

    /// <summary>Items matched only by expired entries (reported as usual, with the entry named).</summary>
    public IReadOnlyList<Suppression> MatchedByExpired { get { lock (_gate) return _expiredMatches.ToList(); } }

    /// <summary>Per entry, in allowlist order: the summary behind "N suppressed by entry X".</summary>
    public IReadOnlyList<AllowlistUsage> Usage()
    {
        lock (_gate)
        {
            var counts = _suppressed.GroupBy(s => s.Entry).ToDictionary(g => g.Key, g => (long)g.Count());
            var expired = _expiredMatches.GroupBy(s => s.Entry).ToDictionary(g => g.Key, g => (long)g.Count());
            return Allowlist.Entries.Select(e => new AllowlistUsage(e, counts.GetValueOrDefault(e), expired.GetValueOrDefault(e), e.IsExpired(Allowlist.Today))).ToList();
        }
    }

    /// <summary>Warnings for the end of a run: expired entries (with what they matched) and entries that matched nothing.</summary>
    public IReadOnlyList<string> Warnings()
    {
        var warnings = new List<string>();
        foreach (var u in Usage())
        {
            if (u.Expired)
                warnings.Add($"allowlist entry '{u.Entry.Id}' ({u.Entry.File}:{u.Entry.Line}) expired on {u.Entry.Expires:yyyy-MM-dd} and no longer suppresses" +
                             (u.MatchedWhileExpired > 0 ? $"; it matched {u.MatchedWhileExpired:N0} item(s), reported as usual — renew or remove it (owner: {u.Entry.Owner})" : $" (owner: {u.Entry.Owner})"));
            else if (u.NeverMatched)
                warnings.Add($"allowlist entry '{u.Entry.Id}' ({u.Entry.File}:{u.Entry.Line}) matched nothing in this run — review whether it is still needed (owner: {u.Entry.Owner})");
        }
        return warnings;
    }
}
