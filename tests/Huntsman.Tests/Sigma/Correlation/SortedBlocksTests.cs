using Huntsman.Sigma.Correlation;
using Xunit;

namespace Huntsman.Tests.Sigma.Correlation;

public class SortedBlocksTests
{
    [Fact]
    public void Agrees_with_a_sorted_list_through_many_blocks_and_duplicates()
    {
        var random = new Random(3);
        var blocks = new SortedBlocks();
        var reference = new List<double>();
        var window = new Queue<double>();
        for (int step = 0; step < 20_000; step++)
        {
            // Grow to a few thousand values (several blocks), with many repeats, then slide.
            double value = random.Next(0, 300);
            blocks.Add(value);
            window.Enqueue(value);
            int at = reference.BinarySearch(value);
            reference.Insert(at < 0 ? ~at : at, value);
            if (window.Count > 3000 || (step > 15_000 && window.Count > 0))
            {
                var gone = window.Dequeue();
                blocks.Remove(gone);
                reference.RemoveAt(reference.BinarySearch(gone));
            }
            Assert.Equal(reference.Count, blocks.Count);
            if (step % 97 == 0 && reference.Count > 0)
                foreach (int k in new[] { 0, reference.Count / 2, reference.Count - 1, random.Next(reference.Count) })
                    Assert.Equal(reference[k], blocks[k]);
        }
    }
}
