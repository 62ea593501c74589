using FacetCL.Training;

namespace FacetCL.Tests.Training;

public class TripletBatchSamplerTests
{
    static (List<string[]> Texts, int[] Lengths) Data(int n, int distinctAnchors)
    {
        // Several examples share an anchor text, as NLI premises do.
        var texts = Enumerable.Range(0, n).Select(i => new[] { $"anchor {i % distinctAnchors}", $"pos {i}", $"neg {i}" }).ToList();
        return (texts, Enumerable.Range(0, n).Select(i => (i * 7919) % 50).ToArray());
    }

    [Fact]
    public void BatchesNeverRepeatATextAndCoverTheEpoch()
    {
        var (texts, lengths) = Data(200, 60);
        var sampler = new TripletBatchSampler(texts, lengths, batchSize: 16, bucketBatches: 4, seed: 1);
        var seen = new HashSet<int>();
        var first = sampler.Next();
        var batches = new List<int[]> { first };
        while (sampler.Epoch == 0 && sampler.Position < sampler.BatchesPerEpoch) batches.Add(sampler.Next());
        foreach (var b in batches)
        {
            Assert.Equal(16, b.Length);
            var words = b.SelectMany(i => texts[i]).ToList();
            Assert.Equal(words.Count, words.Distinct().Count());
            foreach (var i in b) Assert.True(seen.Add(i), $"example {i} drawn twice in one epoch");
        }
        Assert.True(seen.Count >= 200 - 16 * 2, $"only {seen.Count} of 200 examples used in an epoch");
    }

    [Fact]
    public void SameSeedSameBatchesAndRestoreContinuesExactly()
    {
        var (texts, lengths) = Data(300, 300);
        var a = new TripletBatchSampler(texts, lengths, 8, 4, seed: 5);
        var sequence = Enumerable.Range(0, 80).Select(_ => a.Next()).ToList(); // crosses epochs (37 batches each)
        var b = new TripletBatchSampler(texts, lengths, 8, 4, seed: 5);
        Assert.Equal(sequence, Enumerable.Range(0, 80).Select(_ => b.Next()).ToList());

        var c = new TripletBatchSampler(texts, lengths, 8, 4, seed: 5);
        for (var i = 0; i < 50; i++) c.Next();
        var resumed = new TripletBatchSampler(texts, lengths, 8, 4, seed: 5);
        resumed.Restore(c.Epoch, c.Position);
        Assert.Equal(sequence.Skip(50).ToList(), Enumerable.Range(0, 30).Select(_ => resumed.Next()).ToList());

        var other = new TripletBatchSampler(texts, lengths, 8, 4, seed: 6);
        Assert.NotEqual(sequence[0], other.Next());
    }

    [Fact]
    public void BucketsKeepLengthsTogether()
    {
        var (texts, lengths) = Data(400, 400);
        var sampler = new TripletBatchSampler(texts, lengths, 10, 8, seed: 2);
        var spreads = Enumerable.Range(0, 20).Select(_ => sampler.Next()).Select(b => b.Max(i => lengths[i]) - b.Min(i => lengths[i])).ToList();
        // Lengths span 0..49; sorted buckets of 80 make a batch of 10 span only a few.
        Assert.True(spreads.Average() < 15, $"mean length spread {spreads.Average()}");
    }

    [Fact]
    public void GroupMembersShareABatchAndCapLimitsAGroupPerEpoch()
    {
        // 200 examples; examples 0..39 form 20 groups of two (2k, 2k+1), 40..59 one big group of 20, the rest none.
        var texts = Enumerable.Range(0, 200).Select(i => new[] { $"a{i}", $"p{i}", $"n{i}" }).ToList();
        var lengths = Enumerable.Range(0, 200).Select(i => i % 13).ToArray();
        var groups = Enumerable.Range(0, 200).Select(i => i < 40 ? i / 2 : i < 60 ? 100 : -1).ToArray();
        var sampler = new TripletBatchSampler(texts, lengths, batchSize: 10, bucketBatches: 4, seed: 3, groups: groups, groupSize: 2, maxPerGroup: 6);
        var batches = new List<int[]> { sampler.Next() };
        while (batches.Count < sampler.BatchesPerEpoch) batches.Add(sampler.Next());

        var batchOf = new Dictionary<int, int>();
        for (var b = 0; b < batches.Count; b++) foreach (var i in batches[b]) batchOf[i] = b;
        var pairsTogether = Enumerable.Range(0, 20).Count(g => batchOf.TryGetValue(2 * g, out var x) && batchOf.TryGetValue(2 * g + 1, out var y) && x == y);
        Assert.True(pairsTogether >= 18, $"only {pairsTogether} of 20 two-member groups met in one batch");
        var bigGroupUsed = batchOf.Keys.Count(i => groups[i] == 100);
        Assert.True(bigGroupUsed <= 6, $"the capped group contributed {bigGroupUsed} examples in one epoch");
        Assert.True(bigGroupUsed >= 4);
    }
}
