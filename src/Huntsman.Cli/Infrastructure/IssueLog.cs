using Huntsman.Events;

namespace Huntsman.Cli.Infrastructure;

/// <summary>
/// Collects issues from any thread while a run goes on (printing mid-run would tear the progress bar) and
/// prints them afterwards, one line each ("error: file chunk N record M @0x…: reason"), capped with a count.
/// </summary>
public sealed class IssueLog(RunSummary summary, int maxPrinted = 200)
{
    private readonly List<ReadIssue> _kept = new();
    private readonly object _gate = new();
    private int _dropped;

    public void Add(ReadIssue issue)
    {
        lock (_gate)
        {
            summary.Count(issue);
            if (_kept.Count < maxPrinted) _kept.Add(issue);
            else _dropped++;
        }
    }

    public void Print(TextWriter error)
    {
        lock (_gate)
        {
            foreach (var issue in _kept) error.WriteLine(issue.ToString());
            if (_dropped > 0) error.WriteLine($"... and {_dropped} more issues not shown");
        }
    }
}
