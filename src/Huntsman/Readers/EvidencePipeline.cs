using Huntsman.Events;

namespace Huntsman.Readers;

/// <summary>
/// Reads units on all cores and hands results back in input order, with a bounded number of units
/// in flight so memory stays flat whatever the input size.
/// </summary>
public static class EvidencePipeline
{
    /// <summary>
    /// Runs <paramref name="work"/> on every unit in parallel (it receives the read batch), then calls
    /// <paramref name="consume"/> on the results strictly in unit order, on the calling thread.
    /// </summary>
    public static void Run<T>(IEnumerable<EvidenceUnit> units, Func<EventBatch, T> work, Action<T> consume,
        int threads, CancellationToken cancel = default)
    {
        threads = Math.Max(1, threads);
        if (threads == 1)
        {
            foreach (var unit in units)
            {
                cancel.ThrowIfCancellationRequested();
                consume(work(ReadSafely(unit)));
            }
            return;
        }

        // Monitor waits, no producer thread, no spinning semaphores or blocking queue. The calling thread is one of the
        // `threads` workers (a separate consumer thread would be one thread too many for the cores, and woken per unit):
        // it consumes whenever the next result is ready and otherwise reads a unit itself. Never more than `window` units
        // are between being taken and being consumed: a reader first reserves a place under `gate`.
        // While the calling thread reads a big chunk nothing is consumed, so the window must let the others run on meanwhile
        // (corpus of mixed chunk sizes, 2 threads: 4 units per thread gave 1.31-1.34x, 16 gave 1.47-1.50x).
        // The enumeration (not thread-safe) has its own lock: moving to the next file opens and sniffs it, and under `gate`
        // that held up the other thread's hand-over and consume (about 5 % of the CPU of a corpus read, all serial).
        int window = Window(threads);
        var gate = new object();
        var sourceGate = new object();
        var done = new Dictionary<long, T>();
        using var source = units.GetEnumerator();
        long reserved = 0, taken = 0, next = 0; // reserved and next under gate, taken under sourceGate
        bool exhausted = false, stopping = false; // exhausted is set under sourceGate, then announced under gate
        Exception? failure = null;
        using var wake = cancel.Register(() => { lock (gate) Monitor.PulseAll(gate); });

        // Under gate: claims a place in the window for one more unit, if one may be read now.
        bool Reserve()
        {
            if (exhausted || stopping || failure is not null || reserved - next >= window || cancel.IsCancellationRequested) return false;
            reserved++;
            return true;
        }

        // Outside gate, after Reserve: the next unit and its sequence number, or null (place given back) at the end.
        EvidenceUnit? Take(out long seq)
        {
            lock (sourceGate)
            {
                if (!exhausted && source.MoveNext())
                {
                    seq = taken++;
                    return source.Current;
                }
                exhausted = true;
            }
            seq = -1;
            lock (gate)
            {
                reserved--;
                Monitor.PulseAll(gate);
            }
            return null;
        }

        // Under gate: a read result joins the others (each thread hands it over in the same lock as it reserves its next place).
        void Store(long seq, T result)
        {
            done[seq] = result;
            if (seq == next) Monitor.PulseAll(gate);
        }

        // Outside gate, after Reserve: reads the next unit. False at the end of the units, or when reading failed (the
        // failure is recorded and stops every thread).
        bool TryRead(out long seq, out T result)
        {
            seq = -1;
            result = default!;
            try
            {
                if (Take(out long takenSeq) is not { } unit) return false;
                result = work(ReadSafely(unit));
                seq = takenSeq;
                return true;
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    failure ??= ex;
                    Monitor.PulseAll(gate);
                }
                return false;
            }
        }

        void Worker()
        {
            long seq = -1;
            T result = default!;
            while (true)
            {
                lock (gate)
                {
                    if (seq >= 0) Store(seq, result);
                    while (!Reserve())
                    {
                        if (exhausted || stopping || failure is not null || cancel.IsCancellationRequested) return;
                        Monitor.Wait(gate);
                    }
                }
                TryRead(out seq, out result);
            }
        }

        var workers = new Task[threads - 1];
        for (int i = 0; i < workers.Length; i++)
            workers[i] = Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            // What the last turn left to do under the lock: a unit consumed, a result read.
            bool consumed = false;
            long readSeq = -1;
            T readResult = default!;
            while (true)
            {
                T result;
                lock (gate)
                {
                    if (consumed)
                    {
                        next++;
                        Monitor.PulseAll(gate);
                        consumed = false;
                    }
                    if (readSeq >= 0) Store(readSeq, readResult);
                    readSeq = -1;
                    while (true)
                    {
                        cancel.ThrowIfCancellationRequested();
                        if (failure is not null) goto finished;
                        if (done.Remove(next, out result!)) goto consume;
                        if (Reserve()) goto read;
                        // Every place reserved is either given back or a unit that ends in `done`: none open and no more units means the end.
                        if (exhausted && reserved == next) goto finished;
                        Monitor.Wait(gate);
                    }
                }
            read:
                TryRead(out readSeq, out readResult);
                continue;
            consume:
                consume(result);
                consumed = true;
            }
        finished:;
        }
        finally
        {
            lock (gate)
            {
                stopping = true;
                Monitor.PulseAll(gate);
            }
            Task.WaitAll(workers);
        }
        if (failure is not null) throw new AggregateException("evidence pipeline failed", failure);
    }

    /// <summary>How many units may be read ahead of the one consumed next (bounds memory: a unit is at most one 64 KiB chunk's events).</summary>
    internal static int Window(int threads) => threads * 16;

    /// <summary>A unit must not take the run down: any exception becomes an issue naming the unit.</summary>
    internal static EventBatch ReadSafely(EvidenceUnit unit)
    {
        try { return unit.Read(); }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var batch = new EventBatch(unit);
            batch.Issues.Add(new ReadIssue(unit.File, $"unit {unit.Ordinal} could not be read: {ex.GetType().Name}: {ex.Message}",
                ChunkIndex: unit.Ordinal));
            return batch;
        }
    }
}
