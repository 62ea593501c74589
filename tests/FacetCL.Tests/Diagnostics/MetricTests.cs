using FacetCL.Diagnostics;

namespace FacetCL.Tests.Diagnostics;

/// <summary>The metrics against values worked out by hand on small synthetic sets.</summary>
public class MetricTests
{
    static EmbeddingMatrix M(params float[][] rows) => EmbeddingMatrix.FromRows(rows);

    // Two well-separated clusters on the unit circle, one row given unnormalised (3,4) = 5·(0.6,0.8),
    // a text without an anchor (−1) and a singleton anchor (2), which both metrics must ignore.
    static readonly EmbeddingMatrix TwoClusters = M([1, 0], [3, 4], [-1, 0], [-0.6f, -0.8f], [0, 1], [0.7f, -0.7f]);
    static readonly long[] TwoClusterIds = [0, 0, 1, 1, -1, 2];

    [Fact]
    public void CompactnessOfTwoClustersByHand()
    {
        // Anchor 0: x̂ = (1,0), (0.6,0.8); centroid (0.8,0.4), |c| = √0.8; cos = 0.8/√0.8 = 2/√5 for both.
        // Anchor 1 is its mirror image. Compactness = 1 − 2/√5. Per-dimension std: (0.2 + 0.4)/2 = 0.3.
        var c = Compactness.Of(TwoClusters, TwoClusterIds);
        Assert.Equal(1 - 2 / Math.Sqrt(5), c.CosineDistance, 6);
        Assert.Equal(0.3, c.MeanStd, 6);
        Assert.Equal(2, c.Anchors);
        Assert.Equal(4, c.Members);
    }

    [Fact]
    public void CompactnessPerAnchorByHand()
    {
        // Anchor 4: (1,0), (0,1); centroid (½,½), cos = ½/(1/√2) = 1/√2 for both; per-dimension std ½.
        // Anchor 9 members coincide: 0. Singletons and texts without an anchor are left out.
        var per = Compactness.PerAnchor(M([1, 0], [0, 1], [2, 2], [1, 1], [0, 1], [5, 1]), [4, 4, 9, 9, -1, 3]);
        Assert.Equal([4L, 9L], per.Select(a => a.AnchorId));
        Assert.Equal([2, 2], per.Select(a => a.Members));
        Assert.Equal(1 - 1 / Math.Sqrt(2), per[0].CosineDistance, 6);
        Assert.Equal(0.5, per[0].MeanStd, 6);
        Assert.Equal(0, per[1].CosineDistance, 6);
        // The summary is their mean.
        var c = Compactness.Of(M([1, 0], [0, 1], [2, 2], [1, 1], [0, 1], [5, 1]), [4, 4, 9, 9, -1, 3]);
        Assert.Equal((1 - 1 / Math.Sqrt(2)) / 2, c.CosineDistance, 6);
    }

    [Fact]
    public void CompactnessIsZeroWhenMembersCoincide()
    {
        var c = Compactness.Of(M([1, 1], [2, 2], [0, 1], [0, 3]), [5, 5, 7, 7]);
        Assert.Equal(0, c.CosineDistance, 6);
        Assert.Equal(0, c.MeanStd, 6);
    }

    [Fact]
    public void SeparationOfTwoClustersByHand()
    {
        // Centroids (0.8,0.4) and (−0.8,−0.4): distance 2√0.8.
        var s = Separation.Of(TwoClusters, TwoClusterIds);
        Assert.Equal(2, s.Anchors);
        Assert.Equal(1, s.Pairs);
        Assert.Equal(2 * Math.Sqrt(0.8), s.Min, 5);
        Assert.Equal(2 * Math.Sqrt(0.8), s.P5, 5);
    }

    [Fact]
    public void SeparationPercentileIsTheNearestRank()
    {
        // 21 centroids at i² on a line: 210 pairs, distances j² − i²; ⌈0.05·210⌉ = 11 → the 11th smallest.
        var points = Enumerable.Range(0, 21).Select(i => new float[] { i * i, 0 }).ToArray();
        var s = Separation.OfCentroids(M(points), chunkRows: 4);
        var all = new List<double>();
        for (var i = 0; i < 21; i++)
            for (var j = i + 1; j < 21; j++) all.Add(j * j - i * i);
        all.Sort();
        Assert.Equal(210, s.Pairs);
        Assert.Equal(1, s.Min, 6);
        Assert.Equal(all[10], s.P5, 6);
        Assert.Equal(all.Average(), s.Mean, 4);
    }

    [Fact]
    public void AlignmentByHand()
    {
        // ‖(1,0) − (0,1)‖² = 2 and ‖(1,0) − (2,0)/2‖² = 0 → mean 1 (rows are normalised first).
        var x = M([1, 0], [0, 1], [2, 0]).Normalized();
        Assert.Equal(1.0, AlignmentUniformity.Alignment(x, [(0, 1), (0, 2)]), 6);
    }

    [Fact]
    public void UniformityAndAnisotropyExactOnAllPairs()
    {
        // e1, e2, −e1: squared distances 2, 4, 2; cosines 0, −1, 0.
        var x = M([1, 0], [0, 1], [-1, 0]);
        var pairs = RandomPairs.Draw(3, 100_000, seed: 1);
        Assert.True(pairs.Exhaustive);
        var u = AlignmentUniformity.Uniformity(x.Normalized(), pairs);
        Assert.Equal(Math.Log((2 * Math.Exp(-4) + Math.Exp(-8)) / 3), u.Value, 9);
        Assert.Equal(0, u.StandardError);
        Assert.True(u.Exact);
        var a = Anisotropy.Of(x, pairs);
        Assert.Equal(-1.0 / 3, a.Value, 9);
    }

    [Fact]
    public void SampledUniformityIsCloseToTheExactValueWithinItsStandardError()
    {
        var rng = new Random(3);
        var rows = Enumerable.Range(0, 600).Select(_ => Enumerable.Range(0, 8).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray()).ToArray();
        var x = M(rows).Normalized();
        var exact = AlignmentUniformity.Uniformity(x, RandomPairs.Draw(600, 600 * 599 / 2, 0));
        var sampled = AlignmentUniformity.Uniformity(x, RandomPairs.Draw(600, 100_000, 7));
        Assert.True(exact.Exact);
        Assert.False(sampled.Exact);
        Assert.InRange(sampled.StandardError, 1e-5, 0.01);
        Assert.True(Math.Abs(sampled.Value - exact.Value) < 4 * sampled.StandardError, $"{sampled.Value} vs {exact.Value} ± {sampled.StandardError}");
    }

    [Fact]
    public void RandomPairsAreDistinctAndRepeatable()
    {
        // 50 rows have 1225 distinct pairs: 1000 are drawn, not enumerated.
        var a = RandomPairs.Draw(50, 1000, seed: 9);
        var b = RandomPairs.Draw(50, 1000, seed: 9);
        Assert.False(a.Exhaustive);
        Assert.Equal(a.First, b.First);
        Assert.Equal(a.Second, b.Second);
        Assert.All(Enumerable.Range(0, a.Count), k => Assert.NotEqual(a.First[k], a.Second[k]));
        Assert.NotEqual(a.First, RandomPairs.Draw(50, 1000, seed: 10).First);
        Assert.True(RandomPairs.Draw(50, 1225, seed: 9).Exhaustive);
    }

    [Fact]
    public void AnisotropyOfOneDirectionIsOne()
    {
        var x = M([1, 1], [2, 2], [0.5f, 0.5f], [3, 3]);
        Assert.Equal(1.0, Anisotropy.Of(x, RandomPairs.Draw(4, 100, 0)).Value, 6);
    }

    [Fact]
    public void EffectiveRankOfOrthogonalCollinearAndKnownSpread()
    {
        // σ = (1,1,1) → 3; rank one → 1; σ = (2,1,1) → p = (½,¼,¼), exp(1.5 ln 2) = 2^1.5.
        Assert.Equal(3, EffectiveRank.Of(M([1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0])).Value, 4);
        Assert.Equal(1, EffectiveRank.Of(M([1, 2, 0], [2, 4, 0], [-1, -2, 0])).Value, 4);
        Assert.Equal(Math.Pow(2, 1.5), EffectiveRank.Of(M([2, 0, 0], [0, 1, 0], [0, 0, 1])).Value, 4);
    }

    [Fact]
    public void EffectiveRankSamplesRowsWhenThereAreMany()
    {
        var rows = Enumerable.Range(0, 40).Select(i => new float[] { i % 4 == 0 ? 1 : 0, i % 4 == 1 ? 1 : 0, i % 4 == 2 ? 1 : 0, i % 4 == 3 ? 1 : 0 }).ToArray();
        var full = EffectiveRank.Of(M(rows));
        var sampled = EffectiveRank.Of(M(rows), maxRows: 12, seed: 1);
        Assert.False(full.Sampled);
        Assert.Equal(4, full.Value, 4);
        Assert.True(sampled.Sampled);
        Assert.Equal(12, sampled.Rows);
        Assert.InRange(sampled.Value, 1, 4.0001);
    }

    [Fact]
    public void FactorOrthogonalityIndex()
    {
        var a = M([1, 0], [1, 0]);
        Assert.Equal(0, FactorOrthogonality.Index([a, M([0, 1], [0, -2])]), 9);
        Assert.Equal(1, FactorOrthogonality.Index([a, M([3, 0], [-1, 0])]), 9);
        // Per text |cos| = 0 and 1/√2 → 1/(2√2).
        Assert.Equal(1 / (2 * Math.Sqrt(2)), FactorOrthogonality.Index([a, M([0, 1], [1, 1])]), 9);
        // Three factors: pairs (a,b) 0, (a,c) 1, (b,c) 0 → 1/3.
        Assert.Equal(1.0 / 3, FactorOrthogonality.Index([a, M([0, 1], [0, 1]), M([2, 0], [2, 0])]), 9);
        Assert.Throws<ArgumentException>(() => FactorOrthogonality.Index([a]));
    }

    [Fact]
    public void FactorOrthogonalityMatrixHoldsThePairsOfTheIndex()
    {
        // Per text |cos|: (a,b) 0 and 0; (a,c) 1 and 1/√2; (b,c) 0 and 1/√2.
        var a = M([1, 0], [1, 0]);
        var b = M([0, 1], [0, 1]);
        var c = M([2, 0], [1, 1]);
        var m = FactorOrthogonality.Matrix([a, b, c]);
        var ac = (1 + 1 / Math.Sqrt(2)) / 2;
        var bc = 1 / (2 * Math.Sqrt(2));
        double[][] expected = [[1, 0, ac], [0, 1, bc], [ac, bc, 1]];
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++) Assert.Equal(expected[i][j], m[i][j], 9);
        Assert.Equal((m[0][1] + m[0][2] + m[1][2]) / 3, FactorOrthogonality.Index([a, b, c]), 12);
    }

    [Fact]
    public void TaskAxisAgreementByHand()
    {
        // Split A: (1,0,0) → (0,1,0), direction (−1,1,0); split B: (0,0,1) → (0,1,0), direction (0,1,−1); cos = ½.
        var x = M([1, 0, 0], [0, 1, 0], [0, 0, 1]);
        var t = TaskAxis.SplitAgreement(x, [(0, 1)], [(2, 1)]);
        Assert.Equal(0.5, t.Cosine, 9);
        Assert.Equal(Math.Sqrt(2), t.NormA, 6);
        // The same offset in both splits agrees perfectly; the reversed relation points the other way.
        var y = M([1, 0, 0], [0, 1, 0], [2, 0, 0], [0, 3, 0]);
        Assert.Equal(1, TaskAxis.SplitAgreement(y, [(0, 1)], [(2, 3)]).Cosine, 6);
        Assert.Equal(-1, TaskAxis.SplitAgreement(y, [(0, 1)], [(3, 2)]).Cosine, 6);
    }

    [Fact]
    public void TaskAxisSplitsAreDisjointBySource()
    {
        var pairs = Enumerable.Range(0, 30).Select(i => (From: i / 3, To: 100 + i)).ToList();
        var (a, b) = TaskAxis.SplitBySource(pairs, seed: 4);
        Assert.Equal(30, a.Count + b.Count);
        Assert.Empty(a.Select(p => p.From).Intersect(b.Select(p => p.From)));
        Assert.Equal(15, a.Count);
    }

    [Fact]
    public void RobustnessChangeByHand()
    {
        // Clean pair (1,0)–(0,1): d = √2. Noisy: (1,0)–(1,1)/√2: d̃ = √(2 − √2). Change = |d̃ − d|/d.
        // An identical pair (d = 0) is skipped.
        var clean = M([1, 0], [0, 1], [0, 1], [0, 1]);
        var noisy = M([1, 0], [1, 1], [1, 0], [0, 1]);
        var r = Robustness.Change(clean, noisy, [(0, 1), (2, 3)]);
        Assert.Equal(Math.Abs(Math.Sqrt(2 - Math.Sqrt(2)) - Math.Sqrt(2)) / Math.Sqrt(2), r.Change, 6);
        Assert.Equal(1, r.Pairs);
        Assert.Equal(1, r.Skipped);
        Assert.Equal(2, Robustness.Gain(0.2, 0.1), 9);
        Assert.Equal(0, Robustness.Change(clean, clean, [(0, 1)]).Change, 9);
    }
}
