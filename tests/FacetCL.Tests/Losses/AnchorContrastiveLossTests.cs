using FacetCL.Losses;
using static TorchSharp.torch;

namespace FacetCL.Tests.Losses;

public class AnchorContrastiveLossTests
{
    static double Lse(params double[] x) => Math.Log(x.Sum(Math.Exp));

    [Fact]
    public void WithoutSharedAnchorsEqualsMultipleNegativesRanking()
    {
        using var a = tensor(new float[] { 3, 4, 1, 0, 0.5f, 0.5f }, [3, 2]);
        using var p = tensor(new float[] { 1.2f, 1.6f, 0, 2, 1, 0 }, [3, 2]);
        using var n = tensor(new float[] { 1, 0, 0.8f, 0.6f, 0, 1 }, [3, 2]);
        using var mnrl = new MultipleNegativesRankingLoss(20).Compute(a, p, n);
        var r = new AnchorContrastiveLoss(20).Compute(a, p, n, [1, 2, 3], [4, 5, 6], [7, 8, -1]);
        Assert.Equal(mnrl.item<float>(), r.Loss.item<float>(), 5);
        Assert.Equal(0, r.ExtraPositives);
        Assert.Equal(0, r.MaskedNegatives);
    }

    [Fact]
    public void SharedAnchorBecomesAPositiveAndOwnHardNegativeIsMasked()
    {
        // Unit vectors, scale 1. Rows: a1=(1,0), a2=(0,1). Candidates: p1=(1,0), p2=(0,1), n1=(0,1), n2=(1,0).
        // Anchor ids: a1→10, a2→20; p1→11, p2→10 (p2 states a1's proposition), n1→10 (a1's own hard
        // negative shares a1's anchor: a parser slip), n2→30.
        using var a = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var p = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var n = tensor(new float[] { 0, 1, 1, 0 }, [2, 2]);
        var r = new AnchorContrastiveLoss(1).Compute(a, p, n, [10, 20], [11, 10], [10, 30]);
        // Row 1 (anchors {10, 11}): cosines to [p1,p2,n1,n2] = [1,0,0,1]; n1 masked; positives {p1, p2}.
        //   L1 = −½[(1 − lse(1,0,1)) + (0 − lse(1,0,1))]
        // Row 2 (anchors {20, 10}): cosines = [0,1,1,0]; p1 is 11, n2 is 30: no sharing, but n1 (10) shares
        //   p2's anchor → a positive too (it is not row 2's own negative). L2 = −½[(1 − lse(0,1,1,0)) + (1 − lse(0,1,1,0))]
        var l1 = -0.5 * ((1 - Lse(1, 0, 1)) + (0 - Lse(1, 0, 1)));
        var l2 = -(1 - Lse(0, 1, 1, 0));
        Assert.Equal((l1 + l2) / 2, r.Loss.item<float>(), 5);
        Assert.Equal(2, r.ExtraPositives);   // p2 for row 1, n1 for row 2
        Assert.Equal(3, r.MaskedNegatives);  // p2 and n1 leave row 1's negatives, n1 leaves row 2's
    }

    [Fact]
    public void GradientsFlowAndLossIsFinite()
    {
        using var a = randn(4, 8, requires_grad: true);
        using var p = randn(4, 8, requires_grad: true);
        using var n = randn(4, 8, requires_grad: true);
        var r = new AnchorContrastiveLoss(20).Compute(a, p, n, [1, 1, 2, -1], [1, 1, 3, -1], [1, 4, 5, -1]);
        Assert.True(double.IsFinite(r.Loss.item<float>()));
        r.Loss.backward();
        Assert.False(a.grad!.isnan().any().item<bool>());
        Assert.False(n.grad!.isnan().any().item<bool>());
    }
}
