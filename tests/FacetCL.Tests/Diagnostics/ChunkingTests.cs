using FacetCL.Diagnostics;
using static TorchSharp.torch;

namespace FacetCL.Tests.Diagnostics;

/// <summary>
/// Every chunked metric agrees with its plain, unchunked computation, for chunk sizes from 1 to
/// more than the rows. Stated tolerances: separation 1e-5 (the Gram form ‖a‖² + ‖b‖² − 2a·b against
/// direct differences; see <see cref="Separation"/>), the exact selection 0 (bit-identical),
/// factor orthogonality 1e-12 and effective rank (TSQR against one SVD of all rows) 1e-9, both
/// float64 against float64.
/// </summary>
public class ChunkingTests
{
    const double SeparationTolerance = 1e-5;
    const double OrthogonalityTolerance = 1e-12;
    const double RankTolerance = 1e-9;

    static EmbeddingMatrix RandomMatrix(Random rng, int rows, int dim) =>
        EmbeddingMatrix.FromRows(Enumerable.Range(0, rows).Select(_ => Enumerable.Range(0, dim).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray());

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public void ChunkedSeparationEqualsUnchunked(int seed)
    {
        var rng = new Random(seed);
        var n = 150 + rng.Next(150);
        var dim = 4 + rng.Next(28);
        var x = RandomMatrix(rng, n, dim);
        var ids = Enumerable.Range(0, n).Select(_ => (long)rng.Next(-1, n / 3)).ToArray();
        var groups = AnchorGroups.Of(x.Normalized(), ids);

        // Unchunked: every pairwise distance in one list.
        var all = new List<double>();
        for (var a = 0; a < groups.Count; a++)
            for (var b = a + 1; b < groups.Count; b++)
                all.Add(Math.Sqrt(VectorMath.SquaredDistance(groups.Centroids.Row(a), groups.Centroids.Row(b))));
        all.Sort();
        var p5 = all[(int)Math.Ceiling(0.05 * all.Count) - 1];

        // Chunk sizes from one centroid to more than all; the percentile search with its defaults
        // (all distances kept: one pass) and with tiny buckets and memory (many counting passes).
        foreach (var chunk in new[] { 1, 3, 17, groups.Count, 10 * groups.Count })
            foreach (var (bins, maxKept) in new[] { (1 << 16, 1 << 22), (3, 1), (16, 40), (1 << 16, 10) })
            {
                var s = Separation.OfCentroids(groups.Centroids, chunk, bins, maxKept);
                var label = $"chunk {chunk}, bins {bins}, kept {maxKept}";
                Assert.Equal(all.Count, s.Pairs);
                Assert.True(Math.Abs(s.Min - all[0]) < SeparationTolerance, $"{label}: min {s.Min} vs {all[0]}");
                Assert.True(Math.Abs(s.P5 - p5) < SeparationTolerance, $"{label}: p5 {s.P5} vs {p5}");
                Assert.True(Math.Abs(s.Mean - all.Average()) < SeparationTolerance, $"{label}: mean {s.Mean} vs {all.Average()}");
                if (maxKept < all.Count) Assert.True(s.Passes >= 2, $"{label}: {s.Passes} passes");
            }
        Assert.Equal(Separation.Of(x, ids).P5, Separation.OfCentroids(groups.Centroids).P5);
    }

    /// <summary>
    /// The streaming selection returns exactly the k-th smallest value, whatever the chunking of
    /// each pass (different in every pass), the buckets and the memory: continuous values, heavy
    /// ties, all values equal, a value on the lower bound.
    /// </summary>
    [Theory]
    [InlineData(11, "continuous")]
    [InlineData(12, "ties")]
    [InlineData(13, "equal")]
    [InlineData(14, "at-bounds")]
    [InlineData(15, "adjacent")]
    public void StreamingSelectionIsExact(int seed, string kind)
    {
        var rng = new Random(seed);
        var n = 500 + rng.Next(500);
        var values = kind switch
        {
            "continuous" => Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 3).ToArray(),
            "ties" => Enumerable.Range(0, n).Select(_ => (double)rng.Next(4)).ToArray(),
            "equal" => Enumerable.Repeat(1.25, n).ToArray(),
            "at-bounds" => Enumerable.Range(0, n).Select(i => i % 3 == 0 ? 0.0 : i % 3 == 1 ? 2.0 : rng.NextDouble() * 2).ToArray(),
            // Two neighbouring doubles, many of each: no bucket of a width can split them but an exact edge.
            _ => Enumerable.Range(0, n).Select(_ => rng.Next(2) == 0 ? 1.0 : Math.BitIncrement(1.0)).ToArray(),
        };
        var (lower, upper) = kind == "at-bounds" ? (0.0, 2.0) : (0.0, 4.0);
        var sorted = values.Order().ToArray();
        foreach (var k in new long[] { 1, 2, n / 20, n / 2, n - 1, n })
            foreach (var (bins, maxKept) in new[] { (1 << 16, 1 << 22), (3, 1), (5, 7), (64, 100), (1 << 16, 10) })
            {
                var search = new StreamingKthSmallest(k, n, lower, upper, bins, maxKept);
                while (!search.Done)
                {
                    var chunk = 1 + rng.Next(n + 5);
                    for (var start = 0; start < n; start += chunk)
                    {
                        using var scope = NewDisposeScope();
                        search.Add(tensor(values.AsSpan(start, Math.Min(chunk, n - start)).ToArray()));
                    }
                    search.EndPass();
                }
                Assert.True(sorted[k - 1] == search.Value, $"{kind}, k {k}, bins {bins}, kept {maxKept}: {search.Value} vs {sorted[k - 1]} after {search.Passes} passes");
                Assert.Equal(sorted[0], search.FirstPassMin);
            }
    }

    [Fact]
    public void StreamingSelectionRejectsPassesThatDiffer()
    {
        var values = Enumerable.Range(0, 1000).Select(i => i / 1000.0).ToArray();
        var search = new StreamingKthSmallest(500, 1000, 0, 1, bins: 8, maxKept: 10);
        search.Add(tensor(values));
        search.EndPass();
        // The second pass presents other values: its window no longer holds rank 500. The search
        // first blames the fast buckets of pass 1 and starts again with exact ones (pass 3); when a
        // pass after that is inconsistent too, it gives up.
        search.Add(tensor(values.Select(v => v / 2).ToArray()));
        search.EndPass();
        Assert.Equal(3, search.Passes);
        search.Add(tensor(values));
        search.EndPass();
        search.Add(tensor(values.Select(v => v / 2).ToArray()));
        Assert.Throws<InvalidOperationException>(search.EndPass);
        Assert.Throws<InvalidOperationException>(() => new StreamingKthSmallest(1, 2, 0, 1).Add(tensor(new[] { 0.5, 1.5 })));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void ChunkedFactorOrthogonalityEqualsUnchunked(int seed)
    {
        var rng = new Random(seed);
        var rows = 40 + rng.Next(60);
        var dim = 2 + rng.Next(10);
        var factors = Enumerable.Range(0, 2 + rng.Next(4)).Select(_ => RandomMatrix(rng, rows, dim)).ToList();
        // A zero vector has cosine 0 with every other vector.
        Array.Clear(factors[0].Data, 5 * dim, dim);

        var expected = new double[factors.Count, factors.Count];
        for (var a = 0; a < factors.Count; a++)
            for (var b = 0; b < factors.Count; b++)
            {
                double sum = 0;
                for (var i = 0; i < rows; i++)
                    sum += a == b ? (VectorMath.Dot(factors[a].Row(i), factors[a].Row(i)) > 0 ? 1 : 0) : Math.Abs(VectorMath.Cosine(factors[a].Row(i), factors[b].Row(i)));
                expected[a, b] = sum / rows;
            }
        double index = 0;
        var pairs = 0;
        for (var a = 0; a < factors.Count; a++)
            for (var b = a + 1; b < factors.Count; b++, pairs++) index += expected[a, b];
        index /= pairs;

        foreach (var chunk in new[] { 1, 2, 7, rows, 10 * rows })
        {
            var m = FactorOrthogonality.PairMatrix(factors, chunk);
            for (var a = 0; a < factors.Count; a++)
                for (var b = 0; b < factors.Count; b++)
                    Assert.True(Math.Abs(m[a, b] - expected[a, b]) < OrthogonalityTolerance, $"chunk {chunk}: [{a},{b}] {m[a, b]} vs {expected[a, b]}");
            Assert.True(Math.Abs(FactorOrthogonality.Index(factors, chunk) - index) < OrthogonalityTolerance, $"chunk {chunk}: index");
        }
    }

    [Theory]
    [InlineData(5, 0)]
    [InlineData(6, 3)]
    public void ChunkedEffectiveRankEqualsOneSvd(int seed, int rank)
    {
        // Full-rank rows, or rows of a given rank (a product of random factors), as one SVD of all rows sees them.
        var rng = new Random(seed);
        var rows = 60 + rng.Next(40);
        var dim = 8 + rng.Next(8);
        var x = RandomMatrix(rng, rows, dim);
        if (rank > 0)
        {
            var left = RandomMatrix(rng, rows, rank);
            var right = RandomMatrix(rng, rank, dim);
            for (var i = 0; i < rows; i++)
                for (var j = 0; j < dim; j++)
                    x.Data[i * dim + j] = (float)Enumerable.Range(0, rank).Sum(r => (double)left.Data[i * rank + r] * right.Data[r * dim + j]);
        }
        var svd = EffectiveRank.Of(x, maxRows: rows);
        Assert.False(svd.Sampled);
        foreach (var chunk in new[] { 1, 2, 7, rows, 10 * rows })
        {
            var tsqr = EffectiveRank.Exact(x, chunk);
            Assert.Equal(rows, tsqr.Rows);
            Assert.False(tsqr.Sampled);
            Assert.True(Math.Abs(tsqr.Value - svd.Value) < RankTolerance * svd.Value, $"chunk {chunk}: {tsqr.Value} vs {svd.Value}");
        }
        if (rank > 0) Assert.InRange(svd.Value, 1, rank + 0.01);
    }
}
