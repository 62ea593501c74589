namespace FacetCL.Training;

/// <summary>
/// Deterministic batches of training examples: each epoch is shuffled by <c>(seed, epoch)</c>, cut
/// into buckets of <c>bucketBatches × batchSize</c> examples sorted by length (less padding), and
/// each bucket is cut into batches in which no text appears twice (a duplicate would be its own
/// in-batch false negative; a conflicting example waits for the next batch). Batch order is then
/// shuffled. The whole state is <c>(epoch, batch index)</c>, so a resumed run draws the same batches.
/// </summary>
public sealed class TripletBatchSampler
{
    readonly IReadOnlyList<string[]> texts;
    readonly int[] lengths;
    readonly int batchSize;
    readonly int bucketBatches;
    readonly int seed;
    List<int[]> epochBatches = [];

    public int Epoch { get; private set; } = -1;
    public int Position { get; private set; }

    /// <param name="texts">the texts of each example (e.g. anchor, positive, negative)</param>
    /// <param name="lengths">a length per example used for bucketing (e.g. total tokens)</param>
    public TripletBatchSampler(IReadOnlyList<string[]> texts, int[] lengths, int batchSize, int bucketBatches, int seed)
    {
        if (texts.Count != lengths.Length) throw new ArgumentException("one length per example");
        if (texts.Count < batchSize) throw new ArgumentException($"{texts.Count} training examples cannot fill one batch of {batchSize}");
        this.texts = texts;
        this.lengths = lengths;
        this.batchSize = batchSize;
        this.bucketBatches = bucketBatches;
        this.seed = seed;
    }

    /// <summary>Indices of the next batch.</summary>
    public int[] Next()
    {
        while (Epoch < 0 || Position >= epochBatches.Count) StartEpoch(Epoch + 1);
        return epochBatches[Position++];
    }

    /// <summary>Restores the state saved by <see cref="Epoch"/> and <see cref="Position"/>.</summary>
    public void Restore(int epoch, int position)
    {
        if (epoch < 0) { Epoch = -1; Position = 0; return; }
        StartEpoch(epoch);
        Position = position;
    }

    public int BatchesPerEpoch => epochBatches.Count;

    void StartEpoch(int epoch)
    {
        Epoch = epoch;
        Position = 0;
        // Not HashCode.Combine: it is randomised per process, and a resumed run must draw the same batches.
        var rng = new Random(unchecked(seed * 1_000_003 + epoch * 7_919 + 0x5eed));
        var order = Enumerable.Range(0, texts.Count).ToArray();
        rng.Shuffle(order);
        var batches = new List<int[]>();
        var carry = new List<int>();
        var bucketSize = batchSize * bucketBatches;
        for (var start = 0; start < order.Length; start += bucketSize)
        {
            var bucket = carry.Concat(order.Skip(start).Take(bucketSize)).OrderBy(i => lengths[i]).ThenBy(i => i).ToList();
            carry = CutBatches(bucket, batches);
        }
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        epochBatches = batches;
        if (epochBatches.Count == 0) throw new InvalidOperationException("no batch without duplicate texts could be formed");
    }

    /// <summary>Greedy cut into duplicate-free batches; returns what did not fit (carried to the next bucket).</summary>
    List<int> CutBatches(List<int> bucket, List<int[]> batches)
    {
        var pending = bucket;
        while (pending.Count >= batchSize)
        {
            var batch = new List<int>(batchSize);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var rest = new List<int>();
            foreach (var i in pending)
            {
                if (batch.Count < batchSize && texts[i].All(t => !seen.Contains(t)))
                {
                    batch.Add(i);
                    foreach (var t in texts[i]) seen.Add(t);
                }
                else rest.Add(i);
            }
            if (batch.Count < batchSize) return pending; // cannot complete: carry all
            batches.Add([.. batch]);
            pending = rest;
        }
        return pending;
    }
}
