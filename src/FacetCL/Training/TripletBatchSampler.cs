namespace FacetCL.Training;

/// <summary>
/// Deterministic batches of training examples: each epoch is shuffled by <c>(seed, epoch)</c>, cut
/// into buckets of <c>bucketBatches × batchSize</c> examples sorted by length (less padding), and
/// each bucket is cut into batches in which no text appears twice (a duplicate would be its own
/// in-batch false negative; a conflicting example waits for the next batch). Batch order is then
/// shuffled. The whole state is <c>(epoch, batch index)</c>, so a resumed run draws the same batches.
/// Optionally examples of one group (an anchor) travel together and a group's share per epoch is capped.
/// </summary>
public sealed class TripletBatchSampler
{
    readonly IReadOnlyList<string[]> texts;
    readonly int[] lengths;
    readonly int batchSize;
    readonly int bucketBatches;
    readonly int seed;
    readonly int[]? groups;
    readonly int groupSize;
    readonly int maxPerGroup;
    List<int[]> epochBatches = [];

    public int Epoch { get; private set; } = -1;
    public int Position { get; private set; }

    /// <param name="texts">the texts of each example (e.g. anchor, positive, negative)</param>
    /// <param name="lengths">a length per example used for bucketing (e.g. total tokens)</param>
    /// <param name="groups">optional group per example (−1 = none), e.g. an anchor id; see <see cref="Units"/></param>
    public TripletBatchSampler(IReadOnlyList<string[]> texts, int[] lengths, int batchSize, int bucketBatches, int seed,
        int[]? groups = null, int groupSize = 2, int maxPerGroup = 0)
    {
        if (texts.Count != lengths.Length) throw new ArgumentException("one length per example");
        if (groups is not null && groups.Length != texts.Count) throw new ArgumentException("one group per example");
        if (groupSize < 1 || groupSize > batchSize) throw new ArgumentOutOfRangeException(nameof(groupSize), "must be between 1 and the batch size");
        if (maxPerGroup < 0) throw new ArgumentOutOfRangeException(nameof(maxPerGroup), "must be 0 (no cap) or positive");
        this.groups = groups;
        this.groupSize = groupSize;
        this.maxPerGroup = maxPerGroup;
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
        var carry = new List<int[]>();
        var units = Units(order);
        var bucketSize = batchSize * bucketBatches;
        for (var start = 0; start < units.Count;)
        {
            // A bucket: the next units up to bucketSize examples, sorted by their longest example.
            var bucket = new List<int[]>(carry);
            var count = 0;
            for (; start < units.Count && count < bucketSize; start++)
            {
                bucket.Add(units[start]);
                count += units[start].Length;
            }
            bucket = bucket.OrderBy(u => u.Max(i => lengths[i])).ThenBy(u => u[0]).ToList();
            carry = CutBatches(bucket, batches);
        }
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(batches));
        epochBatches = batches;
        if (epochBatches.Count == 0) throw new InvalidOperationException("no batch without duplicate texts could be formed");
    }

    /// <summary>
    /// Examples that travel together. Without groups each example is its own unit. With groups
    /// (e.g. the anchor of an example's positive), up to <c>groupSize</c> examples of one group form a
    /// unit, so that they meet in a batch and act as each other's extra positives; with
    /// <c>maxPerGroup</c> a group contributes at most that many examples per epoch (a rotating
    /// subset, since each epoch shuffles anew), so frequent anchors do not crowd out the long tail.
    /// </summary>
    List<int[]> Units(int[] order)
    {
        if (groups is null) return order.Select(i => new[] { i }).ToList();
        var members = new Dictionary<int, Queue<int>>();
        var used = new Dictionary<int, int>();
        foreach (var i in order)
        {
            if (groups[i] < 0) continue;
            if (!members.TryGetValue(groups[i], out var q)) members[groups[i]] = q = new Queue<int>();
            q.Enqueue(i);
        }
        var placed = new bool[order.Length];
        var units = new List<int[]>();
        foreach (var i in order)
        {
            if (placed[i]) continue;
            var g = groups[i];
            if (g < 0)
            {
                units.Add([i]);
                placed[i] = true;
                continue;
            }
            var q = members[g];
            var unit = new List<int>();
            while (q.Count > 0 && unit.Count < groupSize)
            {
                var next = q.Dequeue();
                placed[next] = true;
                if (maxPerGroup > 0 && used.GetValueOrDefault(g) >= maxPerGroup) continue; // over the cap this epoch
                used[g] = used.GetValueOrDefault(g) + 1;
                unit.Add(next);
            }
            if (unit.Count > 0) units.Add([.. unit]);
        }
        return units;
    }

    /// <summary>Greedy cut into duplicate-free batches of whole units; returns what did not fit (carried to the next bucket).</summary>
    List<int[]> CutBatches(List<int[]> bucket, List<int[]> batches)
    {
        var pending = bucket;
        while (pending.Sum(u => u.Length) >= batchSize)
        {
            var batch = new List<int>(batchSize);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var rest = new List<int[]>();
            foreach (var unit in pending)
            {
                var unitTexts = unit.SelectMany(i => texts[i]).ToList();
                if (batch.Count + unit.Length <= batchSize && unitTexts.Distinct(StringComparer.Ordinal).Count() == unitTexts.Count && unitTexts.All(t => !seen.Contains(t)))
                {
                    batch.AddRange(unit);
                    foreach (var t in unitTexts) seen.Add(t);
                }
                else rest.Add(unit.Length > 1 && unitTexts.Distinct(StringComparer.Ordinal).Count() != unitTexts.Count
                    ? unit[..1] // members repeat a text: keep one, the rest could never share a batch
                    : unit);
            }
            if (batch.Count < batchSize) return pending; // cannot complete: carry all
            batches.Add([.. batch]);
            pending = rest;
        }
        return pending;
    }
}
