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

        // One lock and Monitor waits: no producer thread, no spinning semaphores or blocking queue. The workers take units
        // from the enumeration in turn (it is not thread-safe), never more than `window` ahead of the consumer.
        int window = threads * 4;
        var gate = new object();
        var done = new Dictionary<long, T>();
        using var source = units.GetEnumerator();
        long taken = 0, next = 0;
        bool exhausted = false, stopping = false;
        int running = threads;
        Exception? failure = null;
        using var wake = cancel.Register(() => { lock (gate) Monitor.PulseAll(gate); });

        void Worker()
        {
            try
            {
                while (true)
                {
                    EvidenceUnit unit;
                    long seq;
                    lock (gate)
                    {
                        while (!exhausted && !stopping && failure is null && taken - next >= window && !cancel.IsCancellationRequested)
                            Monitor.Wait(gate);
                        if (exhausted || stopping || failure is not null) return;
                        cancel.ThrowIfCancellationRequested();
                        if (!source.MoveNext())
                        {
                            exhausted = true;
                            return;
                        }
                        unit = source.Current;
                        seq = taken++;
                    }
                    var result = work(ReadSafely(unit));
                    lock (gate)
                    {
                        done[seq] = result;
                        if (seq == next) Monitor.PulseAll(gate);
                    }
                }
            }
            catch (Exception ex) { lock (gate) failure ??= ex; }
            finally
            {
                lock (gate)
                {
                    running--;
                    Monitor.PulseAll(gate);
                }
            }
        }

        var workers = new Task[threads];
        for (int i = 0; i < threads; i++)
            workers[i] = Task.Factory.StartNew(Worker, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            while (true)
            {
                T result;
                lock (gate)
                {
                    while (!done.Remove(next, out result!))
                    {
                        // Every unit taken is in `done` once the workers are gone: a missing one means the end (or a failure).
                        if (failure is not null || running == 0) goto finished;
                        Monitor.Wait(gate);
                    }
                }
                consume(result);
                lock (gate)
                {
                    next++;
                    Monitor.PulseAll(gate);
                }
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
