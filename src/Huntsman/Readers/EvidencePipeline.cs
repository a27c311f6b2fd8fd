using System.Collections.Concurrent;
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

        int window = threads * 4;
        using var slots = new SemaphoreSlim(window);
        using var queue = new BlockingCollection<(long Seq, EvidenceUnit Unit)>(window);
        var done = new ConcurrentDictionary<long, T>();
        using var ready = new AutoResetEvent(false);
        Exception? failure = null;

        var producer = Task.Run(() =>
        {
            try
            {
                long seq = 0;
                foreach (var unit in units)
                {
                    slots.Wait(cancel);
                    queue.Add((seq++, unit), cancel);
                }
            }
            catch (Exception ex) { failure ??= ex; }
            finally { queue.CompleteAdding(); ready.Set(); }
        });

        var workers = new Task[threads];
        for (int i = 0; i < threads; i++)
        {
            workers[i] = Task.Factory.StartNew(() =>
            {
                try
                {
                    foreach (var (seq, unit) in queue.GetConsumingEnumerable(cancel))
                    {
                        done[seq] = work(ReadSafely(unit));
                        ready.Set();
                    }
                }
                catch (Exception ex) { failure ??= ex; ready.Set(); }
            }, cancel, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        var allWorkers = Task.WhenAll(workers);

        long next = 0;
        while (true)
        {
            if (done.TryRemove(next, out var result))
            {
                consume(result);
                slots.Release();
                next++;
                continue;
            }
            if (failure is not null) break;
            if (allWorkers.IsCompleted && done.IsEmpty) break;
            ready.WaitOne(50);
        }
        producer.Wait();
        allWorkers.Wait();
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
