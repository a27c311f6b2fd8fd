namespace Huntsman.Noise.Coverage;

/// <summary>
/// The record IDs seen for one channel on one host, kept as sorted disjoint runs (each with the time of
/// its first and last record), so memory grows with the number of gaps, not of events. Records mostly
/// arrive in order, so the common case extends the last run.
/// </summary>
internal sealed class RecordSequence(CoverageOptions options)
{
    private readonly List<Run> _runs = new();
    private readonly List<TimeGap> _timeGaps = new();

    public long Events { get; private set; }
    public bool TooFragmented { get; private set; }
    public int TimeGapCount { get; private set; }

    public void Add(long recordId, DateTime time)
    {
        Events++;
        if (recordId <= 0) return;
        int count = _runs.Count;
        if (count > 0)
        {
            var last = _runs[count - 1];
            if (recordId == last.End + 1)
            {
                CheckTime(recordId, last.EndTime, time);
                last.End = recordId;
                last.EndTime = time;
                return;
            }
            if (recordId >= last.Start && recordId <= last.End) return;
            if (recordId < last.Start)
            {
                InsertOutOfOrder(recordId, time);
                return;
            }
        }
        Append(count, recordId, time);
    }

    private void InsertOutOfOrder(long recordId, DateTime time)
    {
        // Index of the first run starting after recordId.
        int lo = 0, hi = _runs.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_runs[mid].Start > recordId) hi = mid; else lo = mid + 1;
        }
        var prev = lo > 0 ? _runs[lo - 1] : null;
        var next = lo < _runs.Count ? _runs[lo] : null;
        if (prev is not null && recordId <= prev.End) return;
        bool joinsPrev = prev is not null && prev.End + 1 == recordId;
        bool joinsNext = next is not null && next.Start - 1 == recordId;
        if (joinsPrev && joinsNext)
        {
            CheckTime(recordId, prev!.EndTime, time);
            CheckTime(next!.Start, time, next.StartTime);
            prev.End = next.End;
            prev.EndTime = next.EndTime;
            _runs.RemoveAt(lo);
        }
        else if (joinsPrev)
        {
            CheckTime(recordId, prev!.EndTime, time);
            prev.End = recordId;
            prev.EndTime = time;
        }
        else if (joinsNext)
        {
            CheckTime(next!.Start, time, next.StartTime);
            next.Start = recordId;
            next.StartTime = time;
        }
        else Append(lo, recordId, time);
    }

    private void Append(int index, long recordId, DateTime time)
    {
        if (_runs.Count >= options.MaxRunsPerChannel) { TooFragmented = true; return; }
        _runs.Insert(index, new Run { Start = recordId, End = recordId, StartTime = time, EndTime = time });
    }

    private void CheckTime(long laterRecordId, DateTime earlier, DateTime later)
    {
        if (later - earlier <= options.TimeGapThreshold) return;
        TimeGapCount++;
        _timeGaps.Add(new TimeGap(laterRecordId, earlier, later));
        if (_timeGaps.Count > options.MaxGapsListed * 4) KeepLargestTimeGaps();
    }

    private void KeepLargestTimeGaps()
    {
        _timeGaps.Sort((a, b) => b.Length.CompareTo(a.Length) is var c && c != 0 ? c : a.RecordId.CompareTo(b.RecordId));
        _timeGaps.RemoveRange(options.MaxGapsListed, _timeGaps.Count - options.MaxGapsListed);
    }

    public ChannelContinuity Summarise(string channel)
    {
        var gaps = new List<RecordGap>(Math.Max(0, _runs.Count - 1));
        long missing = 0;
        for (int i = 1; i < _runs.Count; i++)
        {
            var gap = new RecordGap(_runs[i - 1].End, _runs[i].Start, _runs[i - 1].EndTime, _runs[i].StartTime);
            missing += gap.Missing;
            gaps.Add(gap);
        }
        int gapCount = gaps.Count;
        if (gaps.Count > options.MaxGapsListed)
        {
            gaps.Sort((a, b) => b.Missing.CompareTo(a.Missing) is var c && c != 0 ? c : a.AfterRecordId.CompareTo(b.AfterRecordId));
            gaps.RemoveRange(options.MaxGapsListed, gaps.Count - options.MaxGapsListed);
        }
        gaps.Sort((a, b) => a.AfterRecordId.CompareTo(b.AfterRecordId));
        if (_timeGaps.Count > options.MaxGapsListed) KeepLargestTimeGaps();
        var timeGaps = _timeGaps.OrderBy(g => g.RecordId).ToList();
        return new ChannelContinuity(channel, Events,
            _runs.Count > 0 ? _runs[0].Start : 0, _runs.Count > 0 ? _runs[^1].End : 0,
            missing, gapCount, gaps, TimeGapCount, timeGaps, TooFragmented);
    }

    private sealed class Run
    {
        public long Start, End;
        public DateTime StartTime, EndTime;
    }
}
