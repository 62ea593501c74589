using FacetCL.Diagnostics;

namespace FacetCL.Tests.Diagnostics;

public class SpaceSnapshotTests
{
    static EmbeddingMatrix M(params float[][] rows) => EmbeddingMatrix.FromRows(rows);

    [Fact]
    public void PcaOfPointsOnALine()
    {
        // Centred rows (−1,−1), (0,0), (1,1): one axis (1,1)/√2 with all the variance; scores −√2, 0, √2.
        var p = Pca.Of(M([1, 1], [2, 2], [3, 3]), 2);
        Assert.Equal(-Math.Sqrt(2), p.Scores[0][0], 6);
        Assert.Equal(0, p.Scores[1][0], 6);
        Assert.Equal(Math.Sqrt(2), p.Scores[2][0], 6);
        Assert.All(p.Scores, s => Assert.Equal(0, s[1], 6));
        Assert.Equal(1, p.ExplainedVariance[0], 9);
        Assert.Equal(0, p.ExplainedVariance[1], 9);
    }

    [Fact]
    public void PcaOfACrossByHand()
    {
        // Centred already; variance 8/4 along x and 2/4 along y: PC1 = x (share 0.8), PC2 = y (0.2).
        // Signs: each axis's largest loading is positive, so the scores are the coordinates themselves.
        var p = Pca.Of(M([2, 0], [-2, 0], [0, 1], [0, -1]), 2);
        double[][] expected = [[2, 0], [-2, 0], [0, 1], [0, -1]];
        for (var i = 0; i < 4; i++)
            for (var j = 0; j < 2; j++) Assert.Equal(expected[i][j], p.Scores[i][j], 6);
        Assert.Equal(0.8, p.ExplainedVariance[0], 9);
        Assert.Equal(0.2, p.ExplainedVariance[1], 9);
        // The mirrored data set gives the same picture (sign convention), not a flipped one.
        var mirrored = Pca.Of(M([-2, 0], [2, 0], [0, -1], [0, 1]), 2);
        Assert.Equal(2, mirrored.Scores[1][0], 6);
        // More components than the rank: zeros.
        Assert.All(Pca.Of(M([1, 1], [2, 2]), 3).Scores, s => Assert.Equal(0, s[2]));
    }

    [Fact]
    public void SnapshotSamplesSeededRowsAndColoursByFactorScores()
    {
        const int n = 10;
        var rows = Enumerable.Range(0, n).Select(i => new float[] { i, i % 3, 1 }).ToArray();
        var texts = Enumerable.Range(0, n).Select(i => $"t{i}").ToArray();
        long[] anchors = [0, 0, 0, 1, 1, -1, 2, 3, 3, 3];
        // Factor "a" varies along its first dimension only: its PC1 score is that value minus the sample mean.
        var fa = M(Enumerable.Range(0, n).Select(i => new float[] { 2 * i, 0 }).ToArray());
        var fb = M(Enumerable.Range(0, n).Select(i => new float[] { 0, -i }).ToArray());
        var s = SpaceSnapshot.Build(M(rows), texts, anchors, [fa, fb], ["a", "b"], maxPoints: 4, seed: 3);
        Assert.Equal(4, s.Points.Count);
        Assert.Equal(n, s.TotalTexts);
        var picked = s.Points.Select(p => p.Row).ToArray();
        Assert.Equal(picked.Order(), picked);
        Assert.Equal(picked, SpaceSnapshot.Build(M(rows), texts, anchors, null, [], 4, 3).Points.Select(p => p.Row)); // seeded
        Assert.NotEqual(picked, SpaceSnapshot.Build(M(rows), texts, anchors, null, [], 4, 4).Points.Select(p => p.Row));
        var mean = picked.Average(r => 2.0 * r);
        foreach (var p in s.Points)
        {
            Assert.Equal(texts[p.Row], p.Text);
            Assert.Equal(anchors[p.Row], p.AnchorId);
            // Anchor sizes count every text, not only the sampled ones.
            Assert.Equal(anchors[p.Row] switch { 0 or 3 => 3, 1 => 2, 2 => 1, _ => 0 }, p.AnchorSize);
            Assert.Equal(2 * p.Row - mean, p.Factors![0], 5);
            // b's values are −i: centred, mean − i; its axis is (0, 1) (largest loading positive), so the score is mean − i.
            Assert.Equal(mean / 2 - p.Row, p.Factors[1], 5);
        }
        Assert.Equal(["a", "b"], s.FactorNames);
        // Without factors or anchors.
        var plain = SpaceSnapshot.Build(M(rows), texts, null, null, ["a", "b"], 100, 1);
        Assert.Equal(n, plain.Points.Count);
        Assert.All(plain.Points, p => Assert.Null(p.Factors));
        Assert.All(plain.Points, p => Assert.Equal(-1, p.AnchorId));
        Assert.Empty(plain.FactorNames);
    }

    [Fact]
    public void TheProjectionIsOfTheNormalisedVectors()
    {
        // (1,0) and (5,0) are one direction: after normalisation they coincide.
        var s = SpaceSnapshot.Build(M([1, 0], [5, 0], [0, 1]), ["a", "b", "c"], null, null, [], 10, 0);
        Assert.Equal(s.Points[0].X, s.Points[1].X, 6);
        Assert.Equal(s.Points[0].Y, s.Points[1].Y, 6);
        Assert.NotEqual(s.Points[0].X, s.Points[2].X, 3);
    }
}
