namespace Huntsman.Sigma.Correlation;

/// <summary>
/// A sorted multiset of numbers kept as a list of sorted blocks: insert and remove cost O(block + log n),
/// finding the k-th smallest O(n / block). One flat sorted list would make a window of a million values
/// cost half a million moves per event.
/// </summary>
internal sealed class SortedBlocks
{
    private const int BlockSize = 512;
    private readonly List<List<double>> blocks = [];

    public int Count { get; private set; }

    public void Add(double value)
    {
        Count++;
        if (blocks.Count == 0)
        {
            blocks.Add([value]);
            return;
        }
        int b = Math.Min(FirstBlockEndingAtOrAbove(value), blocks.Count - 1);
        var block = blocks[b];
        int at = block.BinarySearch(value);
        block.Insert(at < 0 ? ~at : at, value);
        if (block.Count > 2 * BlockSize)
        {
            blocks.Insert(b + 1, block.GetRange(BlockSize, block.Count - BlockSize));
            block.RemoveRange(BlockSize, block.Count - BlockSize);
        }
    }

    /// <summary>Removes one copy of a value that was added before.</summary>
    public void Remove(double value)
    {
        // Blocks before the first one ending at or above the value hold only smaller numbers, so it is there.
        int b = FirstBlockEndingAtOrAbove(value);
        var block = blocks[b];
        block.RemoveAt(block.BinarySearch(value));
        Count--;
        if (block.Count == 0) blocks.RemoveAt(b);
    }

    /// <summary>The k-th smallest value, 0-based.</summary>
    public double this[int k]
    {
        get
        {
            foreach (var block in blocks)
            {
                if (k < block.Count) return block[k];
                k -= block.Count;
            }
            throw new ArgumentOutOfRangeException(nameof(k));
        }
    }

    public void Clear()
    {
        blocks.Clear();
        Count = 0;
    }

    private int FirstBlockEndingAtOrAbove(double value)
    {
        int low = 0, high = blocks.Count;
        while (low < high)
        {
            int mid = (low + high) >>> 1;
            if (blocks[mid][^1] < value) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
