using Huntsman.Sigma.Detection;

namespace Huntsman.Noise.Allowlist;

/// <summary>
/// The allowlist in force: entries from every <c>--allowlist FILE</c> plus the user's default file.
/// Loading is all-or-nothing (<see cref="AllowlistLoadException"/> lists every problem with file:line:column).
/// Expired entries stay loaded so they can warn, but no longer suppress: a stale "known good" claim must be
/// re-validated rather than silently keep hiding detections. Thread-safe.
/// </summary>
public sealed class AllowlistSet
{
    private readonly ThreadLocal<EventScope> _scopes;

    private AllowlistSet(IReadOnlyList<AllowlistEntry> entries, FieldRegistry fields, DateOnly today)
    {
        Entries = entries;
        Today = today;
        var all = fields.All.ToArray();
        _scopes = new ThreadLocal<EventScope>(() => new EventScope(all));
    }

    public static readonly AllowlistSet Empty = new([], new FieldRegistry(), DateOnly.MinValue);

    public IReadOnlyList<AllowlistEntry> Entries { get; }
    /// <summary>The date expiry is judged against.</summary>
    public DateOnly Today { get; }
    public IEnumerable<AllowlistEntry> Expired => Entries.Where(e => e.IsExpired(Today));

    /// <summary>~/.config/huntsman/allowlist.yml, read in addition to the files given when it exists.</summary>
    public static string DefaultPath => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config", "huntsman", "allowlist.yml");

    /// <summary>Loads the files (and the default file when <paramref name="includeDefault"/> and it exists).</summary>
    public static AllowlistSet Load(IEnumerable<string> files, DateOnly today, bool includeDefault = true)
    {
        var all = files.ToList();
        if (includeDefault && File.Exists(DefaultPath) && !all.Contains(DefaultPath)) all.Add(DefaultPath);
        var fields = new FieldRegistry();
        var errors = new List<AllowlistError>();
        var parser = new AllowlistParser(fields, errors);
        var entries = new List<AllowlistEntry>();
        foreach (var file in all) entries.AddRange(parser.ParseFile(file));
        return Build(entries, fields, errors, today);
    }

    /// <summary>Loads allowlist YAML given as text (<paramref name="file"/> names it in errors).</summary>
    public static AllowlistSet Parse(string yaml, string file, DateOnly today)
    {
        var fields = new FieldRegistry();
        var errors = new List<AllowlistError>();
        var entries = new AllowlistParser(fields, errors).ParseText(yaml, file);
        return Build(entries, fields, errors, today);
    }

    private static AllowlistSet Build(List<AllowlistEntry> entries, FieldRegistry fields, List<AllowlistError> errors, DateOnly today)
    {
        foreach (var duplicate in entries.GroupBy(e => e.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            foreach (var later in duplicate.Skip(1))
                errors.Add(new AllowlistError(later.File, later.Line, 1, $"entry id '{later.Id}' is already used at {duplicate.First().File}:{duplicate.First().Line}"));
        if (errors.Count > 0) throw new AllowlistLoadException(errors);
        return new AllowlistSet(entries, fields, today);
    }

    /// <summary>
    /// The first entry (in file order) whose scope covers the subject and whose match holds. When that
    /// entry has expired, it is returned with <c>Expired = true</c> and must not suppress.
    /// </summary>
    public (AllowlistEntry? Entry, bool Expired) Find(AllowlistSubject subject)
    {
        if (Entries.Count == 0) return (null, false);
        var scope = _scopes.Value!;
        scope.Reset(subject.Fields);
        AllowlistEntry? expired = null;
        foreach (var entry in Entries)
        {
            if (!entry.Scope.Covers(subject) || !entry.Match.Evaluate(scope)) continue;
            if (!entry.IsExpired(Today)) return (entry, false);
            expired ??= entry;
        }
        return (expired, expired is not null);
    }
}
