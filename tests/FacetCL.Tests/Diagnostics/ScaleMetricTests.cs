using FacetCL.Diagnostics;

namespace FacetCL.Tests.Diagnostics;

/// <summary>The pieces the diagnostics use at scale: same-anchor pair sampling, alignment from it, compactness over given groups, a shared tensor view.</summary>
public class ScaleMetricTests
{
    static EmbeddingMatrix M(params float[][] rows) => EmbeddingMatrix.FromRows(rows);

    [Fact]
    public void PairsWithinGroupsAreEveryPairWhenFew()
    {
        // Groups {0,1,2} and {3,4}: pairs (0,1) (0,2) (1,2) (3,4).
        var p = RandomPairs.DrawWithinGroups([[0, 1, 2], [3, 4], [5]], count: 4, seed: 1);
        Assert.True(p.Exhaustive);
        Assert.Equal([(0, 1), (0, 2), (1, 2), (3, 4)], p.First.Zip(p.Second).ToArray());
    }

    [Fact]
    public void SampledPairsWithinGroupsAreUniformOverPairs()
    {
        // Groups of 20 and 200 rows hold 190 and 19,900 pairs: a draw uniform over pairs takes the
        // small group 190/20,090 of the time (uniform over groups would be ½, by size 1/11).
        var small = Enumerable.Range(1000, 20).ToArray();
        var large = Enumerable.Range(0, 200).ToArray();
        var p = RandomPairs.DrawWithinGroups([small, large], count: 20_000, seed: 3);
        Assert.False(p.Exhaustive);
        var fromSmall = 0;
        for (var k = 0; k < p.Count; k++)
        {
            Assert.NotEqual(p.First[k], p.Second[k]);
            var inSmall = p.First[k] >= 1000;
            Assert.Equal(inSmall, p.Second[k] >= 1000); // both members of one group
            if (inSmall) fromSmall++;
        }
        // Expected 189.2, binomial sd ≈ 13.7; 5 sd either side.
        Assert.InRange(fromSmall, 121, 258);
        Assert.Equal(p.First, RandomPairs.DrawWithinGroups([small, large], 20_000, seed: 3).First);
        Assert.Throws<ArgumentException>(() => RandomPairs.DrawWithinGroups([[1], [2]], 10, 0));
    }

    [Fact]
    public void AlignmentOfAllPositivePairsEqualsTheListForm()
    {
        // Rows (1,0), (0,1), (−1,0): ‖·‖² of (0,1) = 2, (0,2) = 4, (1,2) = 2 → mean 8/3.
        var x = M([1, 0], [0, 1], [-1, 0]);
        var e = AlignmentUniformity.Alignment(x, RandomPairs.DrawWithinGroups([[0, 1, 2]], 10, 0));
        Assert.Equal(8.0 / 3, e.Value, 9);
        Assert.True(e.Exact);
        Assert.Equal(0, e.StandardError);
        Assert.Equal(AlignmentUniformity.Alignment(x, [(0, 1), (0, 2), (1, 2)]), e.Value, 12);
    }

    [Fact]
    public void CompactnessOverGroupsEqualsTheIdFormAndNeedsTwoMembers()
    {
        var x = M([1, 0], [3, 4], [-1, 0], [-0.6f, -0.8f], [0, 1]);
        long[] ids = [0, 0, 1, 1, 2];
        var xn = x.Normalized();
        Assert.Equal(Compactness.Of(x, ids), Compactness.Of(xn, AnchorGroups.Of(xn, ids, minMembers: 2)));
        Assert.Throws<ArgumentException>(() => Compactness.Of(xn, AnchorGroups.Of(xn, ids, minMembers: 1)));
    }

    [Fact]
    public void TensorViewSharesTheRows()
    {
        var x = M([1, 2, 3], [4, 5, 6]);
        using var t = x.AsTensor();
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(6f, t[1, 2].item<float>());
        t[0, 1].fill_(9f);
        Assert.Equal(9f, x.Row(0)[1]);
    }
}
