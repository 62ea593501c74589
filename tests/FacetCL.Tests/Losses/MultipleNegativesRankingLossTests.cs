using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class MultipleNegativesRankingLossTests
{
    [Fact]
    public void MatchesHandComputedValueOnOrthogonalVectors()
    {
        // a1=p1=n2=(1,0), a2=p2=n1=(0,1), scale 1. Row i's logits are [1,0,0,1] (row 1) and [0,1,1,0] (row 2):
        // L = −log(e / (2e + 2)) = log(2 + 2/e) for both rows.
        using var a = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var p = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var n = tensor(new float[] { 0, 1, 1, 0 }, [2, 2]);
        using var loss = new MultipleNegativesRankingLoss(scale: 1).Compute(a, p, n);
        Assert.Equal(Math.Log(2 + 2 / Math.E), loss.item<float>(), 5);
    }

    [Fact]
    public void MatchesHandComputedValueWithScaleAndUnnormalisedInputs()
    {
        // Anchors (3,4)→(0.6,0.8) and (1,0); positives (0.6,0.8)·2 and (0,2); negatives (1,0), (0.8,0.6).
        // cosines: row 1 = [1, 0.8, 0.6, 0.96], row 2 = [0.6, 0, 1, 0.8]; target columns 0 and 1.
        using var a = tensor(new float[] { 3, 4, 1, 0 }, [2, 2]);
        using var p = tensor(new float[] { 1.2f, 1.6f, 0, 2 }, [2, 2]);
        using var n = tensor(new float[] { 1, 0, 0.8f, 0.6f }, [2, 2]);
        const double s = 20;
        double Row(double[] cos, int target) => -(s * cos[target] - Math.Log(cos.Sum(c => Math.Exp(s * c))));
        var expected = (Row([1, 0.8, 0.6, 0.96], 0) + Row([0.6, 0, 1, 0.8], 1)) / 2;
        using var loss = new MultipleNegativesRankingLoss(s).Compute(a, p, n);
        Assert.Equal(expected, loss.item<float>(), 4);
    }

    [Fact]
    public void WithoutHardNegativesUsesInBatchOnly()
    {
        using var a = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var p = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var loss = new MultipleNegativesRankingLoss(scale: 1).Compute(a, p, null);
        Assert.Equal(Math.Log(1 + 1 / Math.E), loss.item<float>(), 5); // −log(e / (e + 1))
    }

    [Fact]
    public void RejectsNonPositiveScale() => Assert.Throws<ArgumentOutOfRangeException>(() => new MultipleNegativesRankingLoss(0));
}
