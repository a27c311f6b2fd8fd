using Huntsman.Events;
using Huntsman.Readers;
using Xunit;

namespace Huntsman.Tests.Readers;

/// <summary>The parallel pipeline's contract: ordered consume, bounded in-flight units, unit exceptions become issues.</summary>
public class EvidencePipelineTests
{
    private sealed class StubUnit(int ordinal, Action? onRead = null, bool fail = false) : EvidenceUnit("stub", ordinal, 1)
    {
        public override EventBatch Read()
        {
            onRead?.Invoke();
            if (fail) throw new InvalidOperationException("broken unit");
            Thread.SpinWait((ordinal * 7919) % 20_000); // uneven work, so units finish out of order
            return new EventBatch(this);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void ConsumesInUnitOrderWithBoundedInFlight(int threads)
    {
        int reading = 0, peak = 0, consumedCount = 0;
        var order = new List<int>();
        var units = Enumerable.Range(0, 500).Select(i => new StubUnit(i, () =>
        {
            int now = Interlocked.Increment(ref reading) - Volatile.Read(ref consumedCount);
            int seen;
            while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
        }));
        EvidencePipeline.Run(units, b => b.Unit.Ordinal, ordinal =>
        {
            order.Add(ordinal);
            Interlocked.Increment(ref consumedCount);
        }, threads);
        Assert.Equal(Enumerable.Range(0, 500), order);
        Assert.InRange(peak, 1, EvidencePipeline.Window(threads) + 1);
    }

    [Fact]
    public void UnitExceptionBecomesAnIssue()
    {
        var issues = new List<ReadIssue>();
        var units = Enumerable.Range(0, 50).Select(i => new StubUnit(i, fail: i == 17));
        EvidencePipeline.Run(units, b => b, b => issues.AddRange(b.Issues), 2);
        var issue = Assert.Single(issues);
        Assert.Equal(17, issue.ChunkIndex);
        Assert.Contains("broken unit", issue.Reason);
    }

    [Fact]
    public void WorkFailureAndCancellationStopTheRun()
    {
        var units = Enumerable.Range(0, 200).Select(i => new StubUnit(i));
        Assert.Throws<AggregateException>(() =>
            EvidencePipeline.Run(units, b => b.Unit.Ordinal == 40 ? throw new InvalidOperationException("work") : b, _ => { }, 2));
        using var cancel = new CancellationTokenSource();
        int consumed = 0;
        Assert.ThrowsAny<Exception>(() => EvidencePipeline.Run(units, b => b, _ =>
        {
            if (++consumed == 10) cancel.Cancel();
        }, 2, cancel.Token));
        Assert.InRange(consumed, 10, 10 + EvidencePipeline.Window(2) + 2);
    }
}
